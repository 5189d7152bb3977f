//! The `beatwatch` binary: all logic lives in the library; see `beatwatch --help`.

fn main() {
    // Like other Unix filters, end quietly when the reader of stdout goes away
    // (`beatwatch export ... | head`) instead of panicking on a broken pipe.
    #[cfg(unix)]
    unsafe {
        libc::signal(libc::SIGPIPE, libc::SIG_DFL);
    }
    std::process::exit(beatwatch::cli::main());
}
