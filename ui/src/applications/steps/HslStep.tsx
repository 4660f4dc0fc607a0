import { useFieldArray, useWatch } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { fieldId } from "../Field";
import { useEditor } from "../editor/EditorContext";
import { emptyHsl } from "../editor/formValues";
import { CheckboxInput, SelectInput, TextInput } from "../editor/inputs";
import { DistrictOptions, HcpTypeOptions } from "./HcpInformationStep";
import { IssueText } from "./IssueText";

function HslFields({ index, newLocation }: { index: number; newLocation: boolean }) {
  const { t } = useTranslation();
  const { control, reference } = useEditor();
  const path = `hsls[${String(index)}]`;
  const [included, recordSystem] = useWatch({
    control,
    name: [`hsls.${index}.included`, `hsls.${index}.recordSystem`],
  });
  return (
    <>
      {!newLocation && <CheckboxInput path={`${path}.included`} label={t("hsls.included")} />}
      <TextInput path={`${path}.nameEn`} label={t("hsls.nameEn")} required lang="en" />
      <TextInput path={`${path}.nameZh`} label={t("hsls.nameZh")} lang="zh-HK" />
      <TextInput path={`${path}.addressLine1`} label={t("form.addressLine1")} required />
      <TextInput path={`${path}.addressLine2`} label={t("form.addressLine2")} />
      <SelectInput path={`${path}.district`} label={t("form.district")} required>
        <DistrictOptions />
      </SelectInput>
      <TextInput path={`${path}.phone`} label={t("hsls.phone")} type="tel" required={included} />
      <TextInput
        path={`${path}.openingHours`}
        label={t("hsls.openingHours")}
        hint={t("hsls.openingHours.hint")}
        required={included}
      />
      <SelectInput path={`${path}.hcpType`} label={t("hsls.hcpType")} required={included}>
        <HcpTypeOptions />
      </SelectInput>
      <CheckboxInput path={`${path}.patientRegistration`} label={t("hsls.patientRegistration")} />
      <SelectInput path={`${path}.recordSystem`} label={t("hsls.recordSystem")} required={included}>
        {reference.recordSystems.map((system) => (
          <option key={system} value={system}>
            {t(`recordSystem.${system}`, { ns: "reference" })}
          </option>
        ))}
      </SelectInput>
      {recordSystem === "other_vendor" && (
        <TextInput path={`${path}.recordSystemVendor`} label={t("hsls.recordSystemVendor")} required={included} />
      )}
    </>
  );
}

/**
 * Step 3: the service locations, each included in this application or not. `newLocations`: the Additional HSL
 * Form's, every one to be registered (so none is left out).
 */
export function HslStep({ newLocations = false }: { newLocations?: boolean }) {
  const { t } = useTranslation();
  const { control, readOnly, leave } = useEditor();
  const hsls = useFieldArray({ control, name: "hsls" });
  const included = useWatch({ control, name: "hsls" });

  return (
    <>
      <p className="intro">{newLocations ? t("amendments.additional.intro", { ns: "amendments" }) : t("hsls.intro")}</p>
      <div id={fieldId("hsls")} tabIndex={-1}>
        <IssueText path="hsls" />
      </div>
      {hsls.fields.map((field, index) => (
        <fieldset key={field.id} data-testid={`hsl-${String(index)}`}>
          <legend>
            {t("hsls.location", { n: index + 1 })}
            {included[index]?.included === false && <span className="badge">{t("hsls.excluded")}</span>}
          </legend>
          <HslFields index={index} newLocation={newLocations} />
          {!readOnly && (
            <button
              type="button"
              className="danger-outline"
              onClick={() => {
                hsls.remove(index);
                leave("hsls");
              }}
            >
              {t("hsls.remove")}
            </button>
          )}
        </fieldset>
      ))}
      {!readOnly && (
        <button
          type="button"
          data-testid="add-hsl"
          onClick={() => {
            hsls.append({ ...emptyHsl });
          }}
        >
          {t("hsls.add")}
        </button>
      )}
    </>
  );
}
