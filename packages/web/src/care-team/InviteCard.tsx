/** The invite the care team hands over: link, code, QR code and expiry, with Copy and Print (print shows only this card). */
import { useState } from 'react';
import type { InviteAnswer } from '../api/invites.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { formatInstant } from './format.ts';
import './invite.css';

/** The server's SVG as an image source: no markup of ours is injected into the page. */
function svgSource(svg: string): string {
  return `data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`;
}

export function InviteCard({ name, invite }: { name: string; invite: InviteAnswer }) {
  const { t, locale } = useI18n();
  const [copied, setCopied] = useState(false);

  async function copy(): Promise<void> {
    try {
      await navigator.clipboard.writeText(invite.url);
      setCopied(true);
    } catch {
      // No clipboard (insecure page, denied): the link stays on screen to copy by hand.
      setCopied(false);
    }
  }

  return (
    <section className="invite-card" aria-labelledby="invite-card-title">
      <h2 id="invite-card-title">{t('invite.title', { name })}</h2>
      <p>{t('invite.intro')}</p>
      <img className="invite-qr" src={svgSource(invite.qrSvg)} alt={t('invite.qr')} width={220} height={220} />
      <dl className="invite-facts">
        <dt>{t('invite.code')}</dt>
        <dd className="invite-code" data-testid="invite-code">
          {invite.code}
        </dd>
        <dt>{t('invite.link')}</dt>
        <dd className="invite-link">
          <a href={invite.url} data-testid="invite-link">
            {invite.url}
          </a>
        </dd>
      </dl>
      <p>{t('invite.expires', { date: formatInstant(locale, invite.expiresAt) })}</p>
      <div className="invite-actions">
        <button type="button" onClick={() => void copy()}>
          {t('invite.copy')}
        </button>
        <button
          type="button"
          onClick={() => {
            window.print();
          }}
        >
          {t('invite.print')}
        </button>
      </div>
      <p role="status" className="invite-copied">
        {copied ? t('invite.copied') : ''}
      </p>
    </section>
  );
}
