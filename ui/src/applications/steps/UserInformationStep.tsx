import { useFieldArray } from "react-hook-form";
import { useTranslation } from "react-i18next";

import { fieldId } from "../Field";
import { useEditor } from "../editor/EditorContext";
import { emptyPerson } from "../editor/formValues";
import { TextInput } from "../editor/inputs";
import { IssueText } from "./IssueText";

function PersonFields({ path, hkidRequired }: { path: string; hkidRequired: boolean }) {
  const { t } = useTranslation();
  return (
    <>
      <TextInput path={`${path}.nameEn`} label={t("person.nameEn")} required lang="en" />
      <TextInput path={`${path}.nameZh`} label={t("person.nameZh")} lang="zh-HK" />
      <TextInput path={`${path}.hkid`} label={t("person.hkid")} hint={t("person.hkid.hint")} required={hkidRequired} />
      <TextInput path={`${path}.position`} label={t("person.position")} required />
      <TextInput path={`${path}.phone`} label={t("person.phone")} type="tel" required />
      <TextInput path={`${path}.email`} label={t("person.email")} type="email" required />
    </>
  );
}

/** Step 2: the user administrators (one or more) and the authorised person. */
export function UserInformationStep() {
  const { t } = useTranslation();
  const { control, readOnly, leave } = useEditor();
  const administrators = useFieldArray({ control, name: "userInformation.administrators" });
  const listPath = "userInformation.administrators";

  return (
    <>
      <p className="intro">{t("users.intro")}</p>
      <div id={fieldId(listPath)} tabIndex={-1}>
        <IssueText path={listPath} />
      </div>
      {administrators.fields.map((field, index) => (
        <fieldset key={field.id} data-testid={`administrator-${String(index)}`}>
          <legend>{t("users.administrator", { n: index + 1 })}</legend>
          <PersonFields path={`${listPath}[${String(index)}]`} hkidRequired />
          {!readOnly && (
            <button
              type="button"
              className="danger-outline"
              onClick={() => {
                administrators.remove(index);
                leave(listPath);
              }}
            >
              {t("users.remove")}
            </button>
          )}
        </fieldset>
      ))}
      {!readOnly && (
        <button
          type="button"
          data-testid="add-administrator"
          onClick={() => {
            administrators.append({ ...emptyPerson });
          }}
        >
          {t("users.addAdministrator")}
        </button>
      )}
      <fieldset>
        <legend>{t("users.authorisedPerson")}</legend>
        <PersonFields path="userInformation.authorisedPerson" hkidRequired={false} />
      </fieldset>
    </>
  );
}
