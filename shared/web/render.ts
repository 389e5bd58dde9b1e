import type { APIGatewayProxyStructuredResultV2 } from 'aws-lambda';
import type { VNode } from 'preact';
import { renderToString } from 'preact-render-to-string';

export type WebResult = APIGatewayProxyStructuredResultV2;

/**
 * A page as a response. The renderer escapes every text and attribute value it is given, so what
 * people typed (titles, reasons, names) reaches the page as text, never as markup.
 */
export function htmlResponse(
  statusCode: number,
  page: VNode,
  headers: Record<string, string> = {},
): WebResult {
  return {
    statusCode,
    // Pages show live numbers and, in AWS, are for signed-in people only: never kept by a cache.
    headers: { 'content-type': 'text/html; charset=utf-8', 'cache-control': 'no-store', ...headers },
    body: `<!doctype html>${renderToString(page)}`,
  };
}
