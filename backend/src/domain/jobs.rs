//! Background work and outgoing messages.

crate::vocabulary! {
    /// What a durable job does.
    pub enum JobKind {
        SendEmail = "send_email",
        DeliverEbox = "deliver_ebox",
        AskPolice = "ask_police",
        PoliceDeadline = "police_deadline",
        /// An Excel report of a search (run by a bounded number of exporters at once).
        ExportReport = "export_report",
        /// Decides on a request whose decision waits for an outside system.
        Decide = "decide",
        /// Sends one webhook delivery (payload: the delivery's id) to its subscriber.
        DeliverWebhook = "deliver_webhook",
    }

    /// Where an outgoing e-mail stands.
    pub enum EmailStatus {
        Queued = "queued",
        Sent = "sent",
        Failed = "failed",
        /// Kept in the outbox (demo mode: nothing leaves the machine).
        Kept = "kept",
    }

    /// Where an Excel export stands.
    pub enum ExportStatus {
        Running = "running",
        Done = "done",
        Failed = "failed",
    }
}
