import type { WebViewer } from '../../ports/web-auth.js';
import { Layout } from '../layout.js';

/** A refusal or a miss, said plainly, with the way back. */
export function ErrorPage({
  title,
  message,
  viewer,
}: {
  title: string;
  message: string;
  viewer?: WebViewer;
}) {
  return (
    <Layout title={title} viewer={viewer}>
      <h1>{title}</h1>
      <p>{message}</p>
      <p>
        <a href="/">Back to the overview</a>
      </p>
    </Layout>
  );
}
