//! The `beatwatch` binary: all logic lives in the library; see `beatwatch --help`.

// HTML parsing allocates a node, a name and a string per tag; mimalloc makes extraction ~10%
// faster than the system allocator (measured by bench-extract).
#[global_allocator]
static GLOBAL: mimalloc::MiMalloc = mimalloc::MiMalloc;

fn main() {
    // Like other Unix filters, end quietly when the reader of stdout goes away
    // (`beatwatch export ... | head`) instead of panicking on a broken pipe.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    std::process::exit(beatwatch::cli::main());
}
