/** The h1 of a screen; it takes focus when the screen changes so screen readers announce where the user now is. */
import { useEffect, useRef } from 'react';

let firstScreen = true;

export function ScreenTitle({ children }: { children: string }) {
  const ref = useRef<HTMLHeadingElement>(null);
  useEffect(() => {
    // On the first page load the browser's own focus is right; after that, move it with the screen.
    if (firstScreen) {
      firstScreen = false;
      return;
    }
    ref.current?.focus();
  }, []);
  return (
    <h1 ref={ref} tabIndex={-1}>
      {children}
    </h1>
  );
}
