/**
 * @module
 * The Pact Broker connection of the "Configuration and Shared Files" RFC:
 * the base URL, Basic and Bearer authorization, TLS and mutual TLS, secrets
 * kept out of every message, and a fetch for Node, Bun and Deno.
 */
export {
  basicAuthorization,
  bearerAuthorization,
  type CredentialField,
  checkCredential,
  tokenAndBasic,
} from './authorization.js';
export {
  type CheckedBaseUrl,
  checkBaseUrl,
  hasProtocol,
  isLoopback,
  noProtocol,
  type ParsedBaseUrl,
  parseBaseUrl,
} from './base-url.js';
export {
  type BrokerAuthSettings,
  BrokerConnection,
  type ResolveBrokerOptions,
  type ResolvedBroker,
  resolveBrokerConnection,
} from './connection.js';
export {
  type BrokerFetchInit,
  brokerFetch,
  DEFAULT_BROKER_TIMEOUT_MS,
  responseDiagnostic,
} from './fetch.js';
export {
  type BrokerTls,
  type BrokerTlsSettings,
  type Given,
  type LayeredTls,
  layerTls,
  loadTls,
  type TlsFs,
} from './tls.js';
