/**
 * The list to carry: a print view (allergies first, current medicines, care team, emergency contact and number) and a
 * wallet card, with "Print" and "Download PDF" (made on the phone). Works offline from the Medicines screen's copy.
 */
import { useEffect, useMemo, useState } from 'react';
import { api } from '../api/client.ts';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { FormMessage } from '../ui/Field.tsx';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { cachedMedicines, cacheMedicines } from '../patient/medicines-cache.ts';
import type { CachedMedicines } from '../patient/medicines-cache.ts';
import { formatDateTimeIn, localDateIn } from '../patient/zoned-time.ts';
import { carryApi } from './carry-api.ts';
import { carryList } from './carry-list.ts';
import type { CareTeamContact, CarryList } from './carry-list.ts';
import { cachedCareTeam, cacheCareTeam } from './care-team-cache.ts';
import { WalletCard } from './WalletCard.tsx';
import './carry.css';

async function loadFresh(patientId: string): Promise<{ medicines: CachedMedicines; careTeam: CareTeamContact }> {
  const [record, lists, doses, organisation] = await Promise.all([
    api.patient(patientId),
    api.medicinesAndAllergies(patientId),
    api.doses(patientId),
    carryApi.organisation(),
  ]);
  return {
    medicines: {
      patient: record.patient,
      medications: lists.medications,
      allergies: lists.allergies,
      doses: doses.doses,
      savedAt: new Date().toISOString(),
    },
    careTeam: { name: organisation.organisation.name, phone: organisation.organisation.phone },
  };
}

/** Saves bytes as a file through a download link (the browser's own download, which also works offline). */
function saveFile(bytes: Uint8Array, fileName: string): void {
  const url = URL.createObjectURL(new Blob([bytes as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }));
  const link = document.createElement('a');
  link.href = url;
  link.download = fileName;
  link.hidden = true;
  document.body.append(link);
  link.click();
  link.remove();
  // Revoking at once can cancel the download in some browsers.
  window.setTimeout(() => {
    URL.revokeObjectURL(url);
  }, 60_000);
}

export function CarryScreen({ patientId }: { patientId: string }) {
  const { t, language, locale } = useI18n();
  const [medicines, setMedicines] = useState<CachedMedicines | null>(() => cachedMedicines(patientId));
  const [careTeam, setCareTeam] = useState<CareTeamContact | null>(() => cachedCareTeam(patientId));
  const [fresh, setFresh] = useState(false);
  const [loading, setLoading] = useState(true);
  const [pdfState, setPdfState] = useState<'idle' | 'making' | 'ready' | 'failed'>('idle');

  useEffect(() => {
    let current = true;
    loadFresh(patientId).then(
      (next) => {
        cacheMedicines(patientId, next.medicines);
        cacheCareTeam(patientId, next.careTeam);
        if (current) {
          setMedicines(next.medicines);
          setCareTeam(next.careTeam);
          setFresh(true);
          setLoading(false);
        }
      },
      () => {
        // No signal: the copy saved on this device is what we have.
        if (current) {
          setLoading(false);
        }
      },
    );
    return () => {
      current = false;
    };
  }, [patientId]);

  const now = useMemo(() => new Date(), []);
  const list: CarryList | null = useMemo(
    () =>
      medicines === null
        ? null
        : carryList(
            {
              patient: medicines.patient,
              medications: medicines.medications,
              allergies: medicines.allergies,
              careTeam,
            },
            t,
            locale,
            now,
          ),
    [medicines, careTeam, t, locale, now],
  );

  async function downloadPdf(): Promise<void> {
    if (list === null || medicines === null) {
      return;
    }
    setPdfState('making');
    try {
      // pdf-lib is loaded only when asked for; the service worker keeps a copy, so this works offline too.
      const { carryPdf, paperFor } = await import('./carry-pdf.ts');
      const bytes = await carryPdf(list, { paper: paperFor(medicines.patient.country), language, now: new Date() });
      const day = localDateIn(medicines.patient.timeZone, new Date());
      saveFile(bytes, `${language === 'es' ? 'medicinas' : 'medicines'}-${day}.pdf`);
      setPdfState('ready');
    } catch {
      setPdfState('failed');
    }
  }

  return (
    <section className="screen narrow patient-screen carry-print">
      <div className="no-print">
        <ScreenTitle>{t('carry.title')}</ScreenTitle>
        <p>{t('carry.intro')}</p>
        {!fresh && medicines !== null && !loading && (
          <p className="muted">
            {t('carry.savedOn', {
              time: formatDateTimeIn(medicines.patient.timeZone, new Date(medicines.savedAt), locale),
            })}
          </p>
        )}
        {medicines === null && loading && <p className="loading">{t('app.loading')}</p>}
        {medicines === null && !loading && <FormMessage>{t('carry.noList')}</FormMessage>}
        {list && (
          <div className="actions">
            <button
              type="button"
              className="primary"
              onClick={() => void downloadPdf()}
              disabled={pdfState === 'making'}
            >
              {t('carry.downloadPdf')}
            </button>
            <button
              type="button"
              onClick={() => {
                window.print();
              }}
            >
              {t('carry.print')}
            </button>
          </div>
        )}
        <div role="status">
          {pdfState === 'making' && <p>{t('carry.making')}</p>}
          {pdfState === 'ready' && <p className="form-message form-message-success">{t('carry.pdfReady')}</p>}
        </div>
        {pdfState === 'failed' && <FormMessage>{t('carry.pdfFailed')}</FormMessage>}
      </div>
      {list && (
        <>
          <CarrySheet list={list} />
          <section className="carry-card-section" aria-labelledby="carry-card-title">
            <h2 id="carry-card-title">{t('carry.card')}</h2>
            <p className="no-print">{t('carry.cardHint')}</p>
            <WalletCard card={list.card} />
          </section>
        </>
      )}
    </section>
  );
}

function CarrySheet({ list }: { list: CarryList }) {
  return (
    <article className="carry-sheet" aria-labelledby="carry-sheet-title">
      <h2 id="carry-sheet-title">{list.title}</h2>
      <p>
        <strong>{list.patientLine}</strong>
      </p>
      <p>{list.printedLine}</p>
      <p className="carry-emergency">
        <strong>{list.emergencyLine}</strong>
      </p>
      <section aria-labelledby="carry-allergies-title">
        <h3 id="carry-allergies-title">{list.allergiesTitle}</h3>
        {list.allergies.length === 0 ? (
          <p>{list.noAllergies}</p>
        ) : (
          <ul className="carry-allergies">
            {list.allergies.map((allergy) => (
              <li key={allergy}>
                <strong>{allergy}</strong>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="carry-medicines-title">
        <h3 id="carry-medicines-title">{list.medicinesTitle}</h3>
        {list.medicines.length === 0 ? (
          <p>{list.noMedicines}</p>
        ) : (
          <table className="carry-table">
            <thead>
              <tr>
                <th scope="col">{list.columns.name}</th>
                <th scope="col">{list.columns.amount}</th>
                <th scope="col">{list.columns.when}</th>
                <th scope="col">{list.columns.why}</th>
                <th scope="col">{list.columns.dates}</th>
              </tr>
            </thead>
            <tbody>
              {list.medicines.map((medicine, index) => (
                <tr key={`${medicine.name}-${String(index)}`}>
                  <th scope="row" data-label={list.columns.name}>
                    {medicine.name}
                  </th>
                  <td data-label={list.columns.amount}>{medicine.amount}</td>
                  <td data-label={list.columns.when}>{medicine.when}</td>
                  <td data-label={list.columns.why}>{medicine.why}</td>
                  <td data-label={list.columns.dates}>{medicine.dates}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </section>
      <section aria-labelledby="carry-team-title">
        <h3 id="carry-team-title">{list.careTeamTitle}</h3>
        {list.careTeamName !== null && <p>{list.careTeamName}</p>}
        <p>
          <strong>{list.careTeamPhone}</strong>
        </p>
      </section>
      <section aria-labelledby="carry-contact-title">
        <h3 id="carry-contact-title">{list.emergencyContactTitle}</h3>
        <p>{list.emergencyContact}</p>
      </section>
    </article>
  );
}
