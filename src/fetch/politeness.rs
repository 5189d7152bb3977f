//! Per-host politeness: at most N requests in flight to one host, and a
//! minimum delay between the starts of two requests to it.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};
use tokio::time::Instant;

struct HostGate {
    slots: Arc<Semaphore>,
    next_start: tokio::sync::Mutex<Instant>,
}

/// Hands out permission to send one request to a host.
pub struct HostGates {
    gates: Mutex<HashMap<String, Arc<HostGate>>>,
    per_host: usize,
}

impl HostGates {
    pub fn new(per_host: usize) -> Self {
        HostGates {
            gates: Mutex::new(HashMap::new()),
            per_host: per_host.max(1),
        }
    }

    /// Waits for a free slot and for `delay` since the previous request to `host` started.
    /// The returned permit frees the slot when dropped.
    pub async fn acquire(&self, host: &str, delay: Duration) -> OwnedSemaphorePermit {
        let gate = {
            let mut map = self.gates.lock().unwrap_or_else(|p| p.into_inner());
            map.entry(host.to_string())
                .or_insert_with(|| {
                    Arc::new(HostGate {
                        slots: Arc::new(Semaphore::new(self.per_host)),
                        next_start: tokio::sync::Mutex::new(Instant::now()),
                    })
                })
                .clone()
        };
        let permit = gate
            .slots
            .clone()
            .acquire_owned()
            .await
            .expect("host semaphores are never closed");
        if !delay.is_zero() {
            let mut next = gate.next_start.lock().await;
            let now = Instant::now();
            if *next > now {
                tokio::time::sleep_until(*next).await;
            }
            *next = Instant::now() + delay;
        }
        permit
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn spaces_requests_to_one_host() {
        let gates = HostGates::new(4);
        let start = Instant::now();
        for _ in 0..3 {
            drop(gates.acquire("a.example", Duration::from_millis(200)).await);
        }
        assert!(start.elapsed() >= Duration::from_millis(400));
        let t = Instant::now();
        drop(gates.acquire("b.example", Duration::from_millis(200)).await);
        assert!(
            t.elapsed() < Duration::from_millis(150),
            "other hosts are not delayed"
        );
    }
}
