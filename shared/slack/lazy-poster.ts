import type { SlackFileUploader, SlackPoster } from '../ports/slack-poster.js';

/**
 * A Slack adapter built on first use, so a Lambda starts without waiting for its token from
 * Secrets Manager, and (with a dynamic import in the factory) without loading the Slack SDK for
 * requests that never reach Slack. The token is asked for on every call (its source caches it for
 * a few minutes), and a changed token builds a new adapter, so a rotated token is used without a
 * new container. A failed build is retried on the next call.
 */
function builtPerToken<T>(token: () => Promise<string>, build: (token: string) => Promise<T>) {
  let current: { token: string; built: Promise<T> } | undefined;
  return async (): Promise<T> => {
    const now = await token();
    if (current?.token !== now) {
      const built = build(now);
      current = { token: now, built };
      built.catch(() => {
        if (current?.built === built) current = undefined;
      });
    }
    return current.built;
  };
}

/** The poster, built on first use (see `builtPerToken`). */
export function createLazyPoster(
  token: () => Promise<string>,
  build: (token: string) => Promise<SlackPoster>,
): SlackPoster {
  const get = builtPerToken(token, build);
  return {
    post: async (message) => (await get()).post(message),
    update: async (message) => (await get()).update(message),
    openModal: async (triggerId, view) => {
      const poster = await get();
      if (!poster.openModal) throw new Error('this Slack poster cannot open modals');
      await poster.openModal(triggerId, view);
    },
  };
}

/** The file uploader, built on first use (see `builtPerToken`). */
export function createLazyUploader(
  token: () => Promise<string>,
  build: (token: string) => Promise<SlackFileUploader>,
): SlackFileUploader {
  const get = builtPerToken(token, build);
  return { upload: async (file) => (await get()).upload(file) };
}
