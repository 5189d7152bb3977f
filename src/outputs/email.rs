//! `digest --email`: send the HTML digest (with a plain-text alternative) over SMTP.
//! Settings come from `[settings.email]` in feeds.toml; environment variables
//! override them, and the password is only ever read from the environment.

use lettre::message::{header::ContentType, Mailbox, MultiPart, SinglePart};
use lettre::transport::smtp::authentication::Credentials;
use lettre::{Message, SmtpTransport, Transport};

use crate::config::EmailSettings;

/// Resolved SMTP settings.
#[derive(Debug, Clone)]
pub struct Smtp {
    pub host: String,
    pub port: u16,
    pub starttls: bool,
    pub username: Option<String>,
    pub password: Option<String>,
    pub from: String,
    pub to: Vec<String>,
}

impl Smtp {
    /// Merges feeds.toml settings with BEATWATCH_SMTP_HOST, _PORT, _USER, _PASSWORD,
    /// _STARTTLS (true/false), BEATWATCH_MAIL_FROM and BEATWATCH_MAIL_TO (comma-separated).
    pub fn resolve(cfg: Option<&EmailSettings>) -> anyhow::Result<Smtp> {
        let env = |k: &str| std::env::var(k).ok().filter(|v| !v.trim().is_empty());
        let cfg = cfg.cloned().unwrap_or_default();
        let host = env("BEATWATCH_SMTP_HOST").or(cfg.smtp_host).ok_or_else(|| {
            anyhow::anyhow!("--email needs an SMTP host: set [settings.email] smtp_host in feeds.toml or BEATWATCH_SMTP_HOST")
        })?;
        let port = match env("BEATWATCH_SMTP_PORT") {
            Some(p) => p
                .parse()
                .map_err(|_| anyhow::anyhow!("BEATWATCH_SMTP_PORT is not a port number: {p}"))?,
            None => cfg.smtp_port.unwrap_or(587),
        };
        let starttls = match env("BEATWATCH_SMTP_STARTTLS") {
            Some(v) => v == "true" || v == "1",
            None => cfg.starttls.unwrap_or(true),
        };
        let from = env("BEATWATCH_MAIL_FROM").or(cfg.from).ok_or_else(|| {
            anyhow::anyhow!("--email needs a sender: [settings.email] from or BEATWATCH_MAIL_FROM")
        })?;
        let to: Vec<String> = match env("BEATWATCH_MAIL_TO") {
            Some(list) => list
                .split(',')
                .map(|s| s.trim().to_string())
                .filter(|s| !s.is_empty())
                .collect(),
            None => cfg.to,
        };
        if to.is_empty() {
            anyhow::bail!("--email needs recipients: [settings.email] to or BEATWATCH_MAIL_TO");
        }
        Ok(Smtp {
            host,
            port,
            starttls,
            username: env("BEATWATCH_SMTP_USER").or(cfg.username),
            password: env("BEATWATCH_SMTP_PASSWORD"),
            from,
            to,
        })
    }

    /// Sends one message with an HTML body and a plain-text alternative.
    pub fn send(&self, subject: &str, html: String, text: String) -> anyhow::Result<()> {
        crate::install_tls_provider();
        let mut builder = Message::builder()
            .from(
                self.from
                    .parse::<Mailbox>()
                    .map_err(|e| anyhow::anyhow!("bad sender {:?}: {e}", self.from))?,
            )
            .subject(subject);
        for to in &self.to {
            builder = builder.to(to
                .parse::<Mailbox>()
                .map_err(|e| anyhow::anyhow!("bad recipient {to:?}: {e}"))?);
        }
        let message = builder.multipart(
            MultiPart::alternative()
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_PLAIN)
                        .body(text),
                )
                .singlepart(
                    SinglePart::builder()
                        .header(ContentType::TEXT_HTML)
                        .body(html),
                ),
        )?;
        let mut transport = if self.starttls {
            SmtpTransport::starttls_relay(&self.host)?.port(self.port)
        } else {
            SmtpTransport::builder_dangerous(&self.host).port(self.port)
        };
        if let (Some(user), Some(pass)) = (&self.username, &self.password) {
            transport = transport.credentials(Credentials::new(user.clone(), pass.clone()));
        }
        transport.build().send(&message).map_err(|e| {
            anyhow::anyhow!(
                "sending the digest through {}:{}: {e}",
                self.host,
                self.port
            )
        })?;
        Ok(())
    }
}
