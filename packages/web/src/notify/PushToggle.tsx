/** The switch for phone notifications on this device: not possible here, blocked (and how to unblock), off, or on. */
import { useEffect, useId, useState } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { currentPushState, resyncPush, turnPushOff, turnPushOn } from './push-subscription.ts';
import type { PushState } from './push-subscription.ts';
import './notify.css';

type Shown = PushState | 'checking';

export function PushToggle() {
  const { t } = useI18n();
  const titleId = useId();
  const [state, setState] = useState<Shown>('checking');
  const [busy, setBusy] = useState(false);
  const [failed, setFailed] = useState(false);

  useEffect(() => {
    let current = true;
    currentPushState().then(
      (found) => {
        if (current) {
          setState(found);
        }
        if (found === 'on') {
          resyncPush().catch(() => {
            // Offline: the server still has the device from last time.
          });
        }
      },
      () => {
        if (current) {
          setState('unsupported');
        }
      },
    );
    return () => {
      current = false;
    };
  }, []);

  async function change(to: 'on' | 'off'): Promise<void> {
    setBusy(true);
    setFailed(false);
    try {
      setState(await (to === 'on' ? turnPushOn() : turnPushOff()));
    } catch {
      setFailed(true);
    } finally {
      setBusy(false);
    }
  }

  return (
    <section className="card push-toggle" aria-labelledby={titleId} data-state={state}>
      <h2 id={titleId} className="card-title">
        {t('notify.push.title')}
      </h2>
      <div aria-live="polite">
        {state === 'checking' && <p className="muted">{t('notify.push.checking')}</p>}
        {state === 'unsupported' && <p>{t('notify.push.unsupported')}</p>}
        {state === 'blocked' && (
          <>
            <p>{t('notify.push.blocked')}</p>
            <p className="hint">{t('notify.push.unblock')}</p>
          </>
        )}
        {state === 'off' && <p>{t('notify.push.off')}</p>}
        {state === 'on' && <p className="push-on">{t('notify.push.on')}</p>}
        {failed && (
          <p role="alert" className="form-message form-message-error">
            {t('notify.push.failed')}
          </p>
        )}
      </div>
      {(state === 'off' || state === 'on') && (
        <div className="actions">
          <button
            type="button"
            className={state === 'off' ? 'primary' : undefined}
            disabled={busy}
            onClick={() => void change(state === 'off' ? 'on' : 'off')}
          >
            {busy ? t('notify.push.working') : state === 'off' ? t('notify.push.turnOn') : t('notify.push.turnOff')}
          </button>
        </div>
      )}
    </section>
  );
}
