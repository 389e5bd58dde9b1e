import type { ComponentChildren } from 'preact';
import type { WebViewer } from '../ports/web-auth.js';
import { STYLESHEET_PATH } from './style.js';

export interface LayoutProps {
  title: string;
  viewer?: WebViewer;
  /** Which top-level page this is, so the navigation can mark it. */
  section?: 'overview' | 'digest';
  children: ComponentChildren;
}

/** Every page's frame: the document, the navigation and the main landmark. */
export function Layout({ title, viewer, section, children }: LayoutProps) {
  return (
    <html lang="en">
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${title} · SLA tracker`}</title>
        <link rel="stylesheet" href={STYLESHEET_PATH} />
      </head>
      <body>
        <a class="skip" href="#main">
          Skip to content
        </a>
        <header class="site">
          <nav aria-label="Dashboard">
            <a class="brand" href="/">
              SLA tracker
            </a>
            <ul>
              <li>
                <a href="/" aria-current={section === 'overview' ? 'page' : undefined}>
                  Overview
                </a>
              </li>
              <li>
                <a href="/digest" aria-current={section === 'digest' ? 'page' : undefined}>
                  Weekly digest
                </a>
              </li>
            </ul>
          </nav>
          {viewer ? (
            <form class="viewer" method="post" action="/auth/logout">
              Signed in as {viewer.name ?? viewer.slackUserId} <button type="submit">Sign out</button>
            </form>
          ) : null}
        </header>
        <main id="main">{children}</main>
      </body>
    </html>
  );
}
