//! What the app shell promises about security, checked against its own configuration (issue
//! 9): the window may call exactly the commands the UI uses and of the plugins only the open and
//! save dialogs; the content security policy allows scripts, styles, fonts and connections from
//! the app itself only (no `unsafe-inline`, no `unsafe-eval`, no remote host); nothing is
//! loaded from the network; Tauri's globals are not exposed and prototypes are frozen.
//!
//! The end-to-end tests check the same policy in the running app (an injected inline script
//! does not run, a remote fetch is refused); here it is read from the files that decide it.

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    use serde_json::Value;

    fn root() -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR")).to_path_buf()
    }

    fn config() -> Value {
        serde_json::from_str(include_str!("../../tauri.conf.json")).expect("tauri.conf.json")
    }

    fn capability() -> Value {
        serde_json::from_str(include_str!("../capabilities/main.json")).expect("main.json")
    }

    /// Every source (words after the directive name) of a CSP directive.
    fn sources(csp: &Value, directive: &str) -> Vec<String> {
        csp[directive]
            .as_str()
            .unwrap_or_else(|| panic!("the CSP sets {directive}"))
            .split_whitespace()
            .map(str::to_string)
            .collect()
    }

    #[test]
    fn the_content_security_policy_allows_only_the_app_itself() {
        let config = config();
        let security = &config["app"]["security"];
        let csp = &security["csp"];
        assert!(csp.is_object(), "a CSP is set");
        for directive in ["default-src", "script-src", "style-src", "font-src"] {
            assert_eq!(sources(csp, directive), ["'self'"], "{directive}");
        }
        assert_eq!(sources(csp, "img-src"), ["'self'", "data:"]);
        assert_eq!(
            sources(csp, "connect-src"),
            ["ipc:", "http://ipc.localhost"],
            "connections only to Tauri's IPC"
        );
        for directive in ["object-src", "base-uri", "form-action", "frame-ancestors"] {
            assert_eq!(sources(csp, directive), ["'none'"], "{directive}");
        }
        let all = csp.to_string();
        for banned in [
            "unsafe-inline",
            "unsafe-eval",
            "unsafe-hashes",
            "*",
            "https:",
            "blob:",
        ] {
            assert!(
                !all.contains(banned),
                "the CSP must not allow {banned}: {all}"
            );
        }
        assert_eq!(security["freezePrototype"], true);
        assert!(
            security
                .get("dangerousDisableAssetCspModification")
                .is_none(),
            "Tauri must keep adding its hashes to the CSP"
        );
        assert!(security.get("assetProtocol").is_none(), "no asset protocol");
        assert_eq!(config["app"]["withGlobalTauri"], false);
        let dev = config["build"]["devUrl"].as_str().unwrap_or_default();
        assert!(
            dev.starts_with("http://localhost:"),
            "dev server only: {dev}"
        );
    }

    #[test]
    fn the_window_is_granted_the_app_commands_and_two_dialogs_nothing_else() {
        let capability = capability();
        assert_eq!(capability["windows"], serde_json::json!(["main"]));
        assert!(
            capability.get("remote").is_none(),
            "no remote URL may reach the IPC"
        );
        let plugins: Vec<&str> = capability["permissions"]
            .as_array()
            .expect("a permission list")
            .iter()
            .filter_map(Value::as_str)
            .filter(|p| p.contains(':'))
            .collect();
        assert_eq!(plugins, ["dialog:allow-open", "dialog:allow-save"]);
        for permission in capability["permissions"].as_array().into_iter().flatten() {
            assert!(
                permission.is_string(),
                "no scoped or object permissions: {permission}"
            );
        }
        // No other capability file widens it.
        let files: Vec<String> = std::fs::read_dir(root().join("src-tauri/capabilities"))
            .expect("the capabilities folder")
            .map(|e| {
                e.expect("an entry")
                    .file_name()
                    .to_string_lossy()
                    .into_owned()
            })
            .collect();
        assert_eq!(files, ["main.json"]);
    }

    /// A granted command nobody calls is surface for nothing: every wrapper in `api.ts` must be
    /// used by some view or module of the UI.
    #[test]
    fn every_granted_command_is_used_by_the_ui() {
        let api = include_str!("../../ui/src/lib/api.ts");
        let wrappers: Vec<&str> = api
            .lines()
            .filter_map(|line| {
                let line = line.trim_start();
                let (name, rest) = line.split_once(':')?;
                let is_wrapper = rest.contains("=>")
                    && name.chars().all(|c| c.is_ascii_alphanumeric())
                    && !name.is_empty();
                is_wrapper.then_some(name)
            })
            .collect();
        assert!(wrappers.len() > 20, "found the wrappers: {wrappers:?}");
        let mut sources = String::new();
        let mut stack = vec![root().join("ui/src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("ui/src") {
                let path = entry.expect("an entry").path();
                let name = path.to_string_lossy().into_owned();
                if path.is_dir() {
                    if !name.ends_with("bindings") && !name.ends_with("/test") {
                        stack.push(path);
                    }
                } else if (name.ends_with(".svelte") || name.ends_with(".ts"))
                    && !name.ends_with(".test.ts")
                    && !name.ends_with("lib/api.ts")
                {
                    sources.push_str(&std::fs::read_to_string(&path).expect("a UI source"));
                }
            }
        }
        for wrapper in wrappers {
            assert!(
                sources.contains(&format!("api.{wrapper}(")),
                "api.{wrapper} is granted but no view calls it"
            );
        }
    }

    /// The page the app serves loads nothing from elsewhere: no remote script, style, font or
    /// image in `ui/index.html` or the components.
    #[test]
    fn the_ui_loads_nothing_remote() {
        let index = include_str!("../../ui/index.html");
        for attribute in ["src=\"http", "href=\"http", "src=\"//", "href=\"//"] {
            assert!(!index.contains(attribute), "index.html: {attribute}");
        }
        let mut stack = vec![root().join("ui/src")];
        while let Some(dir) = stack.pop() {
            for entry in std::fs::read_dir(&dir).expect("ui/src") {
                let path = entry.expect("an entry").path();
                if path.is_dir() {
                    stack.push(path);
                    continue;
                }
                let name = path.to_string_lossy().into_owned();
                if name.ends_with(".test.ts") {
                    continue;
                }
                let text = std::fs::read_to_string(&path).expect("a UI source");
                for needle in [
                    "@import url(",
                    "url(http",
                    "url(\"http",
                    "src=\"http",
                    "fetch(\"http",
                ] {
                    assert!(!text.contains(needle), "{name} loads {needle}…");
                }
            }
        }
    }
}
