import { useI18n } from '../i18n/I18nProvider';
import type { Carrier } from '../api/types';
import { FilterSelect, type SelectOption } from './FilterSelect';
import {
  COUNTRY_OPTIONS,
  DATA_OPTIONS,
  SIM_TYPE_OPTIONS,
  VALIDITY_OPTIONS,
  type PlanFilterValues,
} from './filters';

interface PlanFiltersProps {
  values: PlanFilterValues;
  carriers: Carrier[];
  onChange: (values: PlanFilterValues) => void;
}

/** The filter form: every change applies at once, so there is no submit button. */
export function PlanFilters({ values, carriers, onChange }: PlanFiltersProps) {
  const { t } = useI18n();
  const set = <Key extends keyof PlanFilterValues>(key: Key) => {
    return (value: PlanFilterValues[Key]) => onChange({ ...values, [key]: value });
  };

  const carrierOptions: SelectOption<string>[] = [
    { value: '', label: t('filters.carrier.all') },
    ...carriers.map((carrier) => ({ value: carrier.slug, label: carrier.name })),
  ];
  // A carrier from the URL while the list is still loading (or failed to): keep it selectable and visible.
  if (values.carrier && !carriers.some((carrier) => carrier.slug === values.carrier)) {
    carrierOptions.push({ value: values.carrier, label: values.carrier });
  }
  const simTypeOptions: SelectOption<PlanFilterValues['simType']>[] = [
    { value: '', label: t('filters.simType.all') },
    ...SIM_TYPE_OPTIONS.map((simType) => ({ value: simType, label: t(`plan.simType.${simType}`) })),
  ];
  const dataOptions: SelectOption<PlanFilterValues['data']>[] = [
    { value: '', label: t('filters.data.any') },
    ...DATA_OPTIONS.map((data) => ({ value: data, label: t(`filters.data.${data}`) })),
  ];
  const validityOptions: SelectOption<PlanFilterValues['validity']>[] = [
    { value: '', label: t('filters.validity.any') },
    ...VALIDITY_OPTIONS.map((validity) => ({ value: validity, label: t(`filters.validity.${validity}`) })),
  ];
  const countryOptions: SelectOption<PlanFilterValues['country']>[] = [
    { value: '', label: t('filters.country.any') },
    ...COUNTRY_OPTIONS.map((country) => ({ value: country, label: t(`country.${country}`) })),
  ];

  return (
    <form
      className="plan-filters"
      role="search"
      aria-label={t('filters.label')}
      onSubmit={(event) => event.preventDefault()}
    >
      <div className="plan-filters__fields">
        <FilterSelect
          label={t('filters.carrier')}
          value={values.carrier}
          options={carrierOptions}
          onChange={set('carrier')}
        />
        <FilterSelect
          label={t('filters.simType')}
          value={values.simType}
          options={simTypeOptions}
          onChange={set('simType')}
        />
        <FilterSelect
          label={t('filters.data')}
          value={values.data}
          options={dataOptions}
          onChange={set('data')}
        />
        <FilterSelect
          label={t('filters.validity')}
          value={values.validity}
          options={validityOptions}
          onChange={set('validity')}
        />
        <FilterSelect
          label={t('filters.country')}
          value={values.country}
          options={countryOptions}
          onChange={set('country')}
        />
      </div>
    </form>
  );
}
