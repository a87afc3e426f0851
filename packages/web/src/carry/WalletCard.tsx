/** The wallet card on screen and on paper: front (who, allergies, emergency number, care team) and back (medicines). */
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { WalletCard as Card } from './carry-list.ts';

/** On paper the back has room for about this many medicines; the PDF measures, the print view counts. */
const MEDICINES_ON_CARD = 6;

export function WalletCard({ card }: { card: Card }) {
  const { t } = useI18n();
  const shown = card.medicines.slice(0, MEDICINES_ON_CARD);
  const hidden = card.medicines.length - shown.length;
  return (
    <div className="wallet-card">
      <section className="wallet-side wallet-front" aria-label={t('carry.cardFront')}>
        <p className="wallet-title">{card.title}</p>
        <p className="wallet-name">{card.name}</p>
        <p className="wallet-strong">{card.allergiesLine}</p>
        <p className="wallet-strong">{card.emergencyLine}</p>
        <p>{card.careTeamLine}</p>
      </section>
      <section className="wallet-side wallet-back" aria-label={t('carry.cardBack')}>
        <p className="wallet-strong">{card.medicinesTitle}</p>
        <ul>
          {shown.map((line, index) => (
            <li key={`${line}-${String(index)}`}>{line}</li>
          ))}
        </ul>
        {hidden > 0 && <p className="wallet-strong">{card.more(hidden)}</p>}
      </section>
    </div>
  );
}
