/**
 * The web reader (`kiji serve`): digests, articles, the dedupe review with
 * overrides, sources, and mount points for the queue dashboard and metrics.
 */
export { CONTENT_SECURITY_POLICY, createWebApp, type FetchHandler, type WebMounts, type WebOptions } from './app.js';
export { isLoopback, startWebServer, type WebServer } from './server.js';
