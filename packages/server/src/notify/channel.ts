/** One small interface for every way a notification leaves the server (inbox, Web Push, e-mail; SMS later). */
import type { Id, User } from '@aftercare/store';

export type NotificationKind =
  'dose' | 'visit' | 'check-in' | 'caregiver-dose-unanswered' | 'alert' | 'alert-escalated';

/** A notification as stored in the inbox: the texts are already in the recipient's language. */
export interface Notification {
  id: Id;
  recipientId: Id;
  patientId: Id | null;
  kind: NotificationKind;
  title: string;
  body: string;
  /** Where tapping it leads in the web app, e.g. "#/medicines". */
  link: string;
  createdAt: string;
}

/** What a channel did: `skipped` when it does not apply to this person (no subscription, no e-mail, wrong kind). */
export type DeliveryOutcome = 'sent' | 'skipped';

export interface NotificationChannel {
  readonly name: string;
  /** Throws on a failure worth retrying (the job runner retries); returns `skipped` when nothing was to be sent. */
  deliver(notification: Notification, recipient: User): Promise<DeliveryOutcome>;
}
