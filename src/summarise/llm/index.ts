/** The LLM summariser's parts: client port, cache port, grounding, schema, prompt. */
export * from './cache.js';
export * from './client.js';
export * from './grounding.js';
export * from './prompt.js';
export * from './schema.js';
export { summariseWithLlm } from './summarise-llm.js';
