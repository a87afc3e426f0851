/**
 * Writing one message to a thread: the same box, checks and Sending… state for the care team and the patient.
 * Each screen says where the message goes and what to do once it has gone.
 */
import { useId, useState } from 'react';
import type { ReactNode, SubmitEvent } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { describeError } from './form-errors.ts';

export interface MessageComposer {
  body: string;
  setBody: (body: string) => void;
  error: string | null;
  setError: (error: string | null) => void;
  done: string | null;
  busy: boolean;
  send: (event: SubmitEvent<HTMLFormElement>) => Promise<void>;
}

export function useMessageComposer<Sent>({
  emptyError,
  sentNote,
  deliver,
  afterSent,
}: {
  /** Shown when Send is pressed with nothing written. */
  emptyError: string;
  /** Shown once the message has gone. */
  sentNote: string;
  deliver: (body: string) => Promise<Sent>;
  /** Runs once the box is cleared and the sent note shown (a reload of the thread, say). */
  afterSent: (sent: Sent) => void | Promise<void>;
}): MessageComposer {
  const { t } = useI18n();
  const [body, setBody] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  async function send(event: SubmitEvent<HTMLFormElement>): Promise<void> {
    event.preventDefault();
    setDone(null);
    if (body.trim() === '') {
      setError(emptyError);
      return;
    }
    setBusy(true);
    setError(null);
    try {
      const sent = await deliver(body.trim());
      setBody('');
      setDone(sentNote);
      await afterSent(sent);
    } catch (failure) {
      setError(describeError(t, failure));
    } finally {
      setBusy(false);
    }
  }

  return { body, setBody, error, setError, done, busy, send };
}

/** The form with the message box and Send; `children` stand above the box (the screen's notes, if it wants them there). */
export function MessageComposerForm({
  composer,
  label,
  sendLabel,
  children,
}: {
  composer: MessageComposer;
  label: string;
  sendLabel: string;
  children?: ReactNode;
}) {
  const fieldId = useId();
  return (
    <form noValidate onSubmit={(event) => void composer.send(event)}>
      {children}
      <div className="field">
        <label htmlFor={fieldId}>{label}</label>
        <textarea
          id={fieldId}
          rows={3}
          maxLength={5000}
          value={composer.body}
          onChange={(event) => {
            composer.setBody(event.target.value);
          }}
        />
      </div>
      <button type="submit" className="primary" disabled={composer.busy}>
        {sendLabel}
      </button>
    </form>
  );
}
