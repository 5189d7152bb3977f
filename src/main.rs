//! The `beatwatch` binary: all logic lives in the library; see `beatwatch --help`.

fn main() {
    std::process::exit(beatwatch::cli::main());
}
