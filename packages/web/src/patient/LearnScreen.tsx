/** Learn: the plan's own pages in plain words (what was done, what is normal, getting well, activity, medicines). */
import type { MouseEvent } from 'react';
import type { CarePlan } from '@aftercare/core';
import { useI18n } from '../i18n/I18nProvider.tsx';
import type { I18n } from '../i18n/I18nProvider.tsx';
import { ScreenTitle } from '../ui/ScreenTitle.tsx';
import { planText } from './plan-view.ts';
import { usePlan } from './use-plan.ts';

export function LearnScreen() {
  const i18n = useI18n();
  const { t, language } = i18n;
  const plan = usePlan();
  return (
    <section className="screen narrow learn">
      <ScreenTitle>{t('patient.learn.title')}</ScreenTitle>
      <p className="lead">{t('patient.learn.intro')}</p>
      {plan === null ? (
        <p className="loading">{t('app.loading')}</p>
      ) : (
        <>
          <nav aria-label={t('patient.learn.title')} className="learn-contents">
            <ul>
              <li>
                <a href="#learn-procedure" onClick={jumpTo}>
                  {t('patient.learn.procedure')}
                </a>
              </li>
              <li>
                <a href="#learn-normal" onClick={jumpTo}>
                  {t('patient.learn.normal')}
                </a>
              </li>
              <li>
                <a href="#learn-recovery" onClick={jumpTo}>
                  {t('patient.learn.recovery')}
                </a>
              </li>
              <li>
                <a href="#learn-activity" onClick={jumpTo}>
                  {planText(plan, language, plan.activity.titleKey)}
                </a>
              </li>
              <li>
                <a href="#learn-medicines" onClick={jumpTo}>
                  {t('patient.learn.medicines')}
                </a>
              </li>
            </ul>
          </nav>
          <Procedure plan={plan} i18n={i18n} />
          <Normal plan={plan} i18n={i18n} />
          <Recovery plan={plan} i18n={i18n} />
          <section aria-labelledby="learn-activity" className="learn-page">
            <h2 id="learn-activity" tabIndex={-1}>
              {planText(plan, language, plan.activity.titleKey)}
            </h2>
            {plan.activity.textKeys.map((key) => (
              <p key={key}>{planText(plan, language, key)}</p>
            ))}
            <p>{planText(plan, language, plan.activity.returnToWork.textKey)}</p>
          </section>
          <section aria-labelledby="learn-medicines" className="learn-page">
            <h2 id="learn-medicines" tabIndex={-1}>
              {t('patient.learn.medicines')}
            </h2>
            <ul>
              {plan.medicines.rules.map((rule) => (
                <li key={rule.id}>{planText(plan, language, rule.textKey)}</li>
              ))}
              {plan.medicines.list.textKeys.map((key) => (
                <li key={key}>{planText(plan, language, key)}</li>
              ))}
            </ul>
          </section>
          <aside className="disclaimer" aria-labelledby="learn-disclaimer">
            <h2 id="learn-disclaimer">{t('patient.learn.disclaimer')}</h2>
            <p>{planText(plan, language, plan.disclaimerKey)}</p>
          </aside>
        </>
      )}
    </section>
  );
}

/** In-page links without touching the hash, which belongs to the router. */
function jumpTo(event: MouseEvent<HTMLAnchorElement>): void {
  event.preventDefault();
  const target = document.getElementById(event.currentTarget.hash.slice(1));
  target?.scrollIntoView();
  target?.focus();
}

function Procedure({ plan, i18n }: { plan: CarePlan; i18n: I18n }) {
  const { t, language } = i18n;
  const { procedure } = plan;
  return (
    <section aria-labelledby="learn-procedure" className="learn-page">
      <h2 id="learn-procedure" tabIndex={-1}>
        {t('patient.learn.procedure')}
      </h2>
      <h3>{planText(plan, language, procedure.nameKey)}</h3>
      <p>{planText(plan, language, procedure.descriptionKey)}</p>
      <p>{planText(plan, language, procedure.anesthesiaKey)}</p>
      <ul>
        {procedure.sites.map((site) => (
          <li key={site.id}>{planText(plan, language, site.textKey)}</li>
        ))}
      </ul>
      <ul>
        {procedure.marrowUses.map((use) => (
          <li key={use.id}>{planText(plan, language, use.textKey)}</li>
        ))}
      </ul>
    </section>
  );
}

function Normal({ plan, i18n }: { plan: CarePlan; i18n: I18n }) {
  const { t, language } = i18n;
  const { symptoms } = plan.recovery;
  const phaseTitle = (fromDay: number, toDay: number | null): string => {
    if (toDay === null) {
      return t('patient.learn.fromDay', { from: fromDay });
    }
    return fromDay === 0
      ? t('patient.learn.dayOfProcedure', { to: toDay })
      : t('patient.learn.days', { from: fromDay, to: toDay });
  };
  return (
    <section aria-labelledby="learn-normal" className="learn-page">
      <h2 id="learn-normal" tabIndex={-1}>
        {t('patient.learn.normal')}
      </h2>
      {plan.today.normal.map((phase) => (
        <div key={phase.id}>
          <h3>{phaseTitle(phase.fromDay, phase.toDay)}</h3>
          <p>{planText(plan, language, phase.textKey)}</p>
        </div>
      ))}
      <h3>{planText(plan, language, symptoms.titleKey)}</h3>
      <ul className="symptom-list">
        {symptoms.items.map((item) => (
          <li key={item.id}>
            <span>{planText(plan, language, item.labelKey)}</span>{' '}
            <span className="muted">{t('patient.learn.percent', { percent: item.percent })}</span>
          </li>
        ))}
      </ul>
    </section>
  );
}

function Recovery({ plan, i18n }: { plan: CarePlan; i18n: I18n }) {
  const { t, language } = i18n;
  const { recovery } = plan;
  const sources = recovery.sources.map((source) => source.name).join(', ');
  return (
    <section aria-labelledby="learn-recovery" className="learn-page">
      <h2 id="learn-recovery" tabIndex={-1}>
        {t('patient.learn.recovery')}
      </h2>
      <p>{planText(plan, language, recovery.introKey)}</p>
      <p>{planText(plan, language, recovery.fullRecovery.medianKey)}</p>
      <h3>{planText(plan, language, recovery.fullRecovery.titleKey)}</h3>
      <ul>
        {recovery.fullRecovery.shares.map((share) => (
          <li key={share.day}>
            {t('patient.history.byDay', { day: share.day })}: {t('patient.learn.percent', { percent: share.percent })}
          </li>
        ))}
      </ul>
      <p>{planText(plan, language, recovery.contactPoints.textKey)}</p>
      <p className="muted">{t('patient.history.source', { source: sources })}</p>
    </section>
  );
}
