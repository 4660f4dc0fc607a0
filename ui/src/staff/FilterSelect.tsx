import { useTranslation } from "react-i18next";

type Props<T extends string> = {
  /** The select's id and test id. */
  id: string;
  label: string;
  /** `""`: any. */
  value: T | "";
  options: readonly { value: T; label: string }[];
  onChange: (value: T | "") => void;
};

/** One of the staff list's filters: a choice among `options`, or "Any". */
export function FilterSelect<T extends string>({ id, label, value, options, onChange }: Props<T>) {
  const { t } = useTranslation("staff");
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        data-testid={id}
        value={value}
        onChange={(event) => {
          // Only the options' values (or "") can be chosen.
          onChange(event.target.value as T | "");
        }}
      >
        <option value="">{t("staff.filter.any")}</option>
        {options.map((option) => (
          <option key={option.value} value={option.value}>
            {option.label}
          </option>
        ))}
      </select>
    </div>
  );
}
