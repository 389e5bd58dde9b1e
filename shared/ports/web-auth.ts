import type { APIGatewayProxyEventV2, APIGatewayProxyStructuredResultV2 } from 'aws-lambda';

/** The person a dashboard request is answered for. */
export interface WebViewer {
  slackUserId: string;
  name?: string;
}

/**
 * What authentication makes of a request: a viewer to render pages for, or a response that
 * answers it instead (a redirect to sign in, the sign-in callback, a refusal).
 */
export type WebAuthOutcome =
  | { kind: 'viewer'; viewer: WebViewer }
  | { kind: 'respond'; response: APIGatewayProxyStructuredResultV2 };

/** Decides who is asking before any page is rendered; absent locally, where everyone sees everything. */
export interface WebAuth {
  authenticate(event: APIGatewayProxyEventV2): Promise<WebAuthOutcome>;
}
