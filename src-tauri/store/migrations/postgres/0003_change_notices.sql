-- Several workstations (issue 10): every change of an application or a patient registration is announced
-- to the other workstations (LISTEN ehr_changes), by table and id only: nothing personal is in a notice, and
-- a workstation re-reads the record itself.
CREATE FUNCTION announce_change() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    IF TG_OP = 'DELETE' THEN
        PERFORM pg_notify('ehr_changes', TG_TABLE_NAME || ':' || OLD.id);
    ELSE
        PERFORM pg_notify('ehr_changes', TG_TABLE_NAME || ':' || NEW.id);
    END IF;
    RETURN NULL;
END
$$;

CREATE TRIGGER applications_announce AFTER INSERT OR UPDATE OR DELETE ON applications
    FOR EACH ROW EXECUTE FUNCTION announce_change();
CREATE TRIGGER patients_announce AFTER INSERT OR UPDATE OR DELETE ON patients
    FOR EACH ROW EXECUTE FUNCTION announce_change();
