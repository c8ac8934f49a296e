//! Ids that are easy to mix up when they are all plain numbers: a task's, a user's, a
//! request's. Functions that take more than one kind of id take these types.

macro_rules! id_type {
    ($($(#[$meta:meta])* $name:ident),+ $(,)?) => {$(
        $(#[$meta])*
        #[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord)]
        pub struct $name(pub i64);

        impl std::fmt::Display for $name {
            fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
                self.0.fmt(f)
            }
        }
    )+};
}

id_type!(
    /// A task in the staff inbox.
    TaskId,
    /// An account: a citizen, a staff member, an admin or a police officer.
    UserId,
    /// A request (its database id; people and the API use its reference).
    RequestId,
);
