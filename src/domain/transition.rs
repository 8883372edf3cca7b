//! The error every state machine in the domain returns for a move it does not allow.

/// A state machine was asked to take a step its rules forbid, e.g. accepting an
/// invitation that was already declined.
///
/// The handler turns this into a "this can no longer be done" page; the fields say
/// which machine, from which state, by which event, for the audit trail.
#[derive(Debug, Clone, Copy, PartialEq, Eq, thiserror::Error)]
#[error("illegal {machine} transition: {event} from {from}")]
pub struct IllegalTransition {
    /// Which state machine, e.g. `"invitation"`.
    pub machine: &'static str,
    /// The stored spelling of the state the object was in.
    pub from: &'static str,
    /// The event that was refused, e.g. `"accept"`.
    pub event: &'static str,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn message_names_machine_state_and_event() {
        let err = IllegalTransition {
            machine: "invitation",
            from: "declined",
            event: "accept",
        };
        assert_eq!(
            err.to_string(),
            "illegal invitation transition: accept from declined"
        );
    }
}
