import type { components } from '../../api/schema';
import type { ApiAnswer, ApiList } from '../../api/types';

/** The console's eSIM shapes, from the OpenAPI document (`npm run api:types`). */

export type ConsoleEsim = components['schemas']['ConsoleEsim'];
export type ConsoleEsimStory = components['schemas']['ConsoleEsimStory'];
export type ConsoleEsimOrder = components['schemas']['ConsoleEsimOrder'];
export type EsimSource = ConsoleEsim['source'];
export type InstallState = ConsoleEsim['install_state'];
export type EsimOrderStatus = ConsoleEsimOrder['status'];
export type EsimCounts = ApiAnswer<'/v1/admin/esims/counts', 'get', 200>;
export type EsimPage = ApiList<'/v1/admin/esims'>;
export type EsimOrderPage = ApiList<'/v1/admin/esim-orders'>;

export const ESIM_SOURCES: EsimSource[] = ['airalo', 'smdp'];
export const INSTALL_STATES: InstallState[] = [
  'not_installed',
  'downloaded',
  'installed',
  'enabled',
  'deleted',
];
