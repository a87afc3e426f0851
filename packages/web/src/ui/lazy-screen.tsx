/** A screen fetched the first time it is shown: a loading state while its chunk comes, an error state if it cannot. */
import { lazy, Suspense } from 'react';
import type { ComponentType, JSX } from 'react';
import { useI18n } from '../i18n/I18nProvider.tsx';
import { ScreenBoundary } from './ScreenBoundary.tsx';

export function ScreenLoading() {
  const { t } = useI18n();
  return <p className="screen loading">{t('app.loading')}</p>;
}

/**
 * `load` resolves to the screen's component. The boundary and the Suspense sit around this one screen, so the
 * navigation around it stays in place while it loads or when it fails.
 */
export function lazyScreen<P extends object>(load: () => Promise<ComponentType<P>>): (props: P) => JSX.Element {
  const Screen = lazy(() => load().then((component) => ({ default: component })));
  return function LazyScreen(props: P) {
    return (
      <ScreenBoundary>
        <Suspense fallback={<ScreenLoading />}>
          <Screen {...props} />
        </Suspense>
      </ScreenBoundary>
    );
  };
}
