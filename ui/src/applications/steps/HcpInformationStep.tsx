import { useTranslation } from "react-i18next";

import type { Region } from "../../bindings/ipc";
import { useEditor } from "../editor/EditorContext";
import { SelectInput, TextInput } from "../editor/inputs";

const regions: Region[] = ["hong_kong_island", "kowloon", "new_territories"];

/** The districts, grouped by region, as options of a select. */
export function DistrictOptions() {
  const { t } = useTranslation();
  const { reference } = useEditor();
  return regions.map((region) => (
    <optgroup key={region} label={t(`region.${region}`, { ns: "reference" })}>
      {reference.districts
        .filter((option) => option.region === region)
        .map(({ district }) => (
          <option key={district} value={district}>
            {t(`district.${district}`, { ns: "reference" })}
          </option>
        ))}
    </optgroup>
  ));
}

export function HcpTypeOptions() {
  const { t } = useTranslation();
  const { reference } = useEditor();
  return reference.hcpTypes.map((type) => (
    <option key={type} value={type}>
      {t(`hcpType.${type}`, { ns: "reference" })}
    </option>
  ));
}

/** Step 1: the organisation, its correspondence address and its contact person. */
export function HcpInformationStep() {
  const { t } = useTranslation();
  const p = (name: string) => `hcpInformation.${name}`;
  return (
    <>
      <p className="intro">{t("form.intro")}</p>
      <fieldset>
        <legend>{t("form.section.organisation")}</legend>
        <TextInput path={p("nameEn")} label={t("form.nameEn")} required lang="en" />
        <TextInput path={p("nameZh")} label={t("form.nameZh")} lang="zh-HK" />
        <TextInput path={p("brNumber")} label={t("form.brNumber")} hint={t("form.brNumber.hint")} required />
        <SelectInput path={p("hcpType")} label={t("form.hcpType")} required>
          <HcpTypeOptions />
        </SelectInput>
      </fieldset>
      <fieldset>
        <legend>{t("form.section.address")}</legend>
        <TextInput path={p("addressLine1")} label={t("form.addressLine1")} required />
        <TextInput path={p("addressLine2")} label={t("form.addressLine2")} />
        <SelectInput path={p("district")} label={t("form.district")} required>
          <DistrictOptions />
        </SelectInput>
      </fieldset>
      <fieldset>
        <legend>{t("form.section.contact")}</legend>
        <TextInput path={p("contactNameEn")} label={t("form.contactNameEn")} required lang="en" />
        <TextInput path={p("contactNameZh")} label={t("form.contactNameZh")} lang="zh-HK" />
        <TextInput path={p("contactPosition")} label={t("form.contactPosition")} />
        <TextInput path={p("phone")} label={t("form.phone")} hint={t("form.phone.hint")} type="tel" required />
        <TextInput path={p("email")} label={t("form.email")} type="email" required />
        <TextInput path={p("fax")} label={t("form.fax")} type="tel" />
      </fieldset>
    </>
  );
}
