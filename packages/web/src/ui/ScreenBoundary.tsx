/**
 * Catches a screen that could not load (its chunk or its words did not arrive: offline before they were cached, or a
 * new version replaced them) and says so, with a way to try again, instead of leaving an empty page. Emergency stays
 * one tap away in the header above it.
 */
import { Component } from 'react';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';

interface BoundaryState {
  failed: boolean;
}

interface BoundaryProps {
  children: ReactNode;
  /** What to show instead of the standard error state (e.g. nothing, for a part of the header). */
  fallback?: ReactNode;
}

export class ScreenBoundary extends Component<BoundaryProps, BoundaryState> {
  override state: BoundaryState = { failed: false };

  static getDerivedStateFromError(): BoundaryState {
    return { failed: true };
  }

  override render() {
    if (!this.state.failed) {
      return this.props.children;
    }
    return this.props.fallback === undefined ? <ScreenFailed /> : this.props.fallback;
  }
}

function ScreenFailed() {
  const { t } = useI18n();
  return (
    <section className="screen narrow">
      <p role="alert" className="form-message form-message-error">
        {t('app.screenFailed')}
      </p>
      {/* React keeps a failed lazy import for good: a fresh page (same address) is the reliable way to fetch again. */}
      <button
        type="button"
        className="primary"
        onClick={() => {
          window.location.reload();
        }}
      >
        {t('app.retry')}
      </button>
    </section>
  );
}
