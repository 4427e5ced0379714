import { useEffect, useRef, type ReactNode } from 'react';

/**
 * A modal dialog over the app (the dataset dialog, Export video): focused when it opens (and again when
 * `focusKey` changes, e.g. other files chosen), Esc calls `onEscape` where given, and the app's own keys
 * (the player's space and arrows, the presentation's) stay off while focus is inside it.
 */
export function ModalDialog({
  titleId,
  title,
  className = '',
  backdropClassName = '',
  onEscape,
  focusKey,
  children,
}: {
  titleId: string;
  title: string;
  className?: string;
  backdropClassName?: string;
  onEscape?: () => void;
  focusKey?: unknown;
  children: ReactNode;
}) {
  const dialog = useRef<HTMLDivElement>(null);
  useEffect(() => dialog.current?.focus(), [focusKey]);
  return (
    <div className={`dialog-backdrop ${backdropClassName}`.trim()}>
      <div
        className={`dialog ${className}`.trim()}
        role="dialog"
        aria-modal="true"
        aria-labelledby={titleId}
        tabIndex={-1}
        ref={dialog}
        onKeyDown={(event) => {
          if (event.key === 'Escape') onEscape?.();
          event.stopPropagation();
        }}
      >
        <h2 id={titleId}>{title}</h2>
        {children}
      </div>
    </div>
  );
}
