import { z } from 'zod';

/**
 * The web reader's section of the config (`kiji serve`): where it listens,
 * which Host names it answers, the reviewer token and the request body limit.
 * `KIJI_PORT`, `KIJI_HOST`, `KIJI_WEB_HOSTS` and `KIJI_WEB_TOKEN` map here.
 */
export const WebConfig = z
  .object({
    /** KIJI_PORT, `--port`. 0 picks a free port. */
    port: z.number().int().min(0).max(65535).default(8080),
    /** KIJI_HOST, `--host`: the address to listen on. Beyond loopback, overrides need `token`. */
    host: z.string().min(1).default('127.0.0.1'),
    /**
     * KIJI_WEB_HOSTS: the names the reader answers to when it listens beyond
     * loopback (besides `host` itself, `localhost` and IP addresses), e.g.
     * `news.example.org` or `*.example.org`. Any other Host header gets 421:
     * a page on another site whose name was pointed at this server (DNS
     * rebinding) reads nothing.
     */
    hosts: z.array(z.string().min(1)).default([]),
    /** KIJI_WEB_TOKEN: the reviewer token; needed for overrides beyond loopback and for changing jobs on /queues. */
    token: z
      .string()
      .nullable()
      .default(null)
      .transform((t) => (t === '' ? null : t))
      .refine((t) => t === null || t.length >= 16, { message: 'the reviewer token (KIJI_WEB_TOKEN) must be at least 16 characters' }),
    /** The largest request body any route reads; a bigger one is refused (413) before it is parsed or authenticated. */
    maxBodyBytes: z.number().int().min(1024).default(1024 * 1024),
  })
  .prefault({});
export type WebConfig = z.infer<typeof WebConfig>;
