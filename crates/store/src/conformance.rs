//! The behavioural test suite every backend runs. Each check takes a fresh, empty store.
//! A backend's tests call [`run_all`] with a factory of empty stores.
