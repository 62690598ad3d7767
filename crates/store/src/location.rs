//! Where the database lives: a path given on the command line wins, then the `ACCORD_DB`
//! environment variable, then `accord/accord.db` in the platform's data folder.

use std::ffi::OsString;
use std::path::PathBuf;

use crate::{Result, StoreError};

/// Environment variable that overrides the default database path.
pub const DB_ENV_VAR: &str = "ACCORD_DB";

/// The database path for this process: `flag`, else `$ACCORD_DB`, else the data folder.
pub fn default_db_path(flag: Option<PathBuf>) -> Result<PathBuf> {
    resolve_db_path(flag, std::env::var_os(DB_ENV_VAR), dirs::data_dir())
}

/// The pure rule behind [`default_db_path`], with its inputs passed in.
pub fn resolve_db_path(
    flag: Option<PathBuf>,
    env: Option<OsString>,
    data_dir: Option<PathBuf>,
) -> Result<PathBuf> {
    if let Some(path) = flag {
        return Ok(path);
    }
    if let Some(value) = env.filter(|v| !v.is_empty()) {
        return Ok(PathBuf::from(value));
    }
    data_dir
        .map(|dir| dir.join("accord").join("accord.db"))
        .ok_or(StoreError::NoDataFolder)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn flag_beats_environment_beats_data_folder() {
        let data = Some(PathBuf::from("/home/u/.local/share"));
        assert_eq!(
            resolve_db_path(Some("/x.db".into()), Some("/env.db".into()), data.clone()).unwrap(),
            PathBuf::from("/x.db")
        );
        assert_eq!(
            resolve_db_path(None, Some("/env.db".into()), data.clone()).unwrap(),
            PathBuf::from("/env.db")
        );
        assert_eq!(
            resolve_db_path(None, Some("".into()), data.clone()).unwrap(),
            PathBuf::from("/home/u/.local/share/accord/accord.db")
        );
        assert!(matches!(
            resolve_db_path(None, None, None),
            Err(StoreError::NoDataFolder)
        ));
    }
}
