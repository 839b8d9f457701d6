import './esim.css';
import { useI18n } from '../../i18n/I18nProvider';
import { DeviceChecker } from './DeviceChecker';

/**
 * 检查手机是否支持 eSIM: before buying an eSIM, by this phone's browser, by model (a list to pick from), or by
 * EID (the proof: *#06#). The answer says why, and always that the phone must be carrier-unlocked.
 */
export function CompatibilityPage() {
  const { t } = useI18n();
  return (
    <section className="esim-check">
      <h1>{t('esim.check.title')}</h1>
      <p>{t('esim.check.intro')}</p>
      <DeviceChecker />
    </section>
  );
}
