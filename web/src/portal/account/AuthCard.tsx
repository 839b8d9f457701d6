import type { ReactNode } from 'react';

/** The narrow centred card the sign-in pages share. */
export function AuthCard({
  title,
  intro,
  children,
}: {
  title: string;
  intro?: ReactNode;
  children: ReactNode;
}) {
  return (
    <div className="auth-card">
      <h1>{title}</h1>
      {intro ? <p className="auth-card__intro">{intro}</p> : null}
      {children}
    </div>
  );
}

export function SuccessNotice({ children }: { children: ReactNode }) {
  return (
    <div className="notice notice--success" role="status">
      {children}
    </div>
  );
}
