import { createContext, useContext } from 'react';
import type { AppConfig } from './config';

export const ConfigContext = createContext<AppConfig | null>(null);

/** The configuration main.tsx loaded before rendering. */
export function useAppConfig(): AppConfig {
  const config = useContext(ConfigContext);
  if (!config) throw new Error('useAppConfig outside ConfigContext');
  return config;
}

/** A media URL the gateway answered (absolute, or a path on the gateway) as an absolute URL. */
export function gatewayAsset(config: AppConfig, url: string): string {
  return new URL(url, `${config.gatewayUrl}/`).toString();
}
