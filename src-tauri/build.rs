//! Build script: `tauri-build` reads `tauri.conf.json` and `capabilities/`,
//! generates the app context (config, ACL, icons) and the Windows resource file.

fn main() {
    tauri_build::build()
}
