//! The account store: the office, accounts and their roles, the office key's wrappings and the security
//! settings. Each change is written with its audit entry in one transaction.

use crate::db::{Pool, Row, Tx, query};
use async_trait::async_trait;
use ehr_core::auth::{Account, Office, OfficeKind, Role, SecuritySettings, UserId, UserName};
use ehr_core::ports::{AccountStore, AuditEntry, PasswordHash, StoreFailure, WrappedKey};
use ehr_core::time::Timestamp;

use crate::audit::append_audit;
use crate::{Store, StoreError};

const ACCOUNT_COLUMNS: &str = "id, user_name, full_name, disabled, must_change_password, failed_sign_ins, \
                               locked_until, password_hash, created_at";

/// A row another program wrote with a value this release does not know is unusable, not guessed at.
fn unreadable(what: &'static str) -> StoreError {
    StoreError::UnreadableAccount(what)
}

fn account_of(row: &Row, roles: Vec<Role>) -> Result<Account, StoreError> {
    let id: String = row.get("id")?;
    let user_name: String = row.get("user_name")?;
    Ok(Account {
        id: UserId::parse(&id).ok_or(unreadable("id"))?,
        user_name: UserName::parse(&user_name).map_err(|_| unreadable("user_name"))?,
        full_name: row.get("full_name")?,
        roles,
        disabled: row.get("disabled")?,
        must_change_password: row.get("must_change_password")?,
        failed_sign_ins: row.get("failed_sign_ins")?,
        locked_until: row
            .get::<Option<i64>>("locked_until")?
            .map(Timestamp::from_millis),
        password_hash: PasswordHash(row.get("password_hash")?),
        created_at: Timestamp::from_millis(row.get("created_at")?),
    })
}

async fn roles_of(pool: &Pool, id: &str) -> Result<Vec<Role>, StoreError> {
    let codes: Vec<String> =
        query("SELECT role FROM account_roles WHERE account_id = $1 ORDER BY role")
            .bind(id)
            .fetch_all(pool)
            .await?
            .iter()
            .map(|row| row.at(0))
            .collect::<Result<_, _>>()?;
    codes
        .iter()
        .map(|code| Role::from_code(code).ok_or(unreadable("role")))
        .collect()
}

async fn write_roles(conn: &mut Tx, account: &Account) -> Result<(), StoreError> {
    query("DELETE FROM account_roles WHERE account_id = $1")
        .bind(account.id.as_str())
        .execute(&mut *conn)
        .await?;
    for role in &account.roles {
        query("INSERT INTO account_roles (account_id, role) VALUES ($1, $2)")
            .bind(account.id.as_str())
            .bind(role.code())
            .execute(&mut *conn)
            .await?;
    }
    Ok(())
}

/// Inserts the account; `false` when its user name is taken.
async fn insert_account(conn: &mut Tx, account: &Account) -> Result<bool, StoreError> {
    let inserted = query(
        "INSERT INTO accounts (id, user_name, full_name, disabled, must_change_password, failed_sign_ins,
                               locked_until, password_hash, created_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9) ON CONFLICT (user_name) DO NOTHING",
    )
    .bind(account.id.as_str())
    .bind(account.user_name.as_str())
    .bind(&account.full_name)
    .bind(account.disabled)
    .bind(account.must_change_password)
    .bind(account.failed_sign_ins)
    .bind(account.locked_until.map(Timestamp::millis))
    .bind(&account.password_hash.0)
    .bind(account.created_at.millis())
    .execute(&mut *conn)
    .await?
    ;
    if inserted == 0 {
        return Ok(false);
    }
    write_roles(conn, account).await?;
    Ok(true)
}

async fn write_wrap(
    conn: &mut Tx,
    account: Option<&UserId>,
    wrapped: &WrappedKey,
    at: Timestamp,
) -> Result<(), StoreError> {
    match account {
        Some(id) => query(
            "INSERT INTO office_key_wraps (account_id, wrapped, created_at) VALUES ($1, $2, $3)
             ON CONFLICT (account_id) DO UPDATE SET wrapped = excluded.wrapped, created_at = excluded.created_at",
        )
        .bind(id.as_str()),
        None => query(
            "INSERT INTO office_key_wraps (account_id, wrapped, created_at) VALUES (NULL, $1, $2)",
        ),
    }
    .bind(wrapped.0.as_slice())
    .bind(at.millis())
    .execute(&mut *conn)
    .await?;
    Ok(())
}

impl Store {
    async fn account_where(
        &self,
        condition: &str,
        value: &str,
    ) -> Result<Option<Account>, StoreError> {
        let row = query(format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts WHERE {condition} = $1"
        ))
        .bind(value)
        .fetch_optional(&self.pool)
        .await?;
        match row {
            None => Ok(None),
            Some(row) => {
                let id: String = row.get("id")?;
                let roles = roles_of(&self.pool, &id).await?;
                Ok(Some(account_of(&row, roles)?))
            }
        }
    }
}

#[async_trait]
impl AccountStore for Store {
    async fn office(&self) -> Result<Option<Office>, StoreFailure> {
        let row = query("SELECT kind, name, set_up_at FROM office WHERE id = 1")
            .fetch_optional(&self.pool)
            .await
            .map_err(StoreError::from)?;
        let Some(row) = row else { return Ok(None) };
        let kind: String = row.get("kind").map_err(StoreError::from)?;
        Ok(Some(Office {
            kind: OfficeKind::from_code(&kind).ok_or(unreadable("office kind"))?,
            name: row.get("name").map_err(StoreError::from)?,
            set_up_at: Timestamp::from_millis(row.get("set_up_at").map_err(StoreError::from)?),
        }))
    }

    async fn set_up_office(
        &self,
        office: &Office,
        admin: &Account,
        admin_key: &WrappedKey,
        recovery_key: &WrappedKey,
        audit: &AuditEntry,
    ) -> Result<bool, StoreFailure> {
        let mut tx = self.begin_write().await?;
        let inserted = query(
            "INSERT INTO office (id, kind, name, set_up_at) VALUES (1, $1, $2, $3) ON CONFLICT (id) DO NOTHING",
        )
        .bind(office.kind.code())
        .bind(&office.name)
        .bind(office.set_up_at.millis())
        .execute(&mut tx)
        .await
        .map_err(StoreError::from)?
        ;
        if inserted == 0 || !insert_account(&mut tx, admin).await? {
            return Ok(false);
        }
        write_wrap(&mut tx, Some(&admin.id), admin_key, office.set_up_at).await?;
        write_wrap(&mut tx, None, recovery_key, office.set_up_at).await?;
        append_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(true)
    }

    async fn account(&self, id: &UserId) -> Result<Option<Account>, StoreFailure> {
        Ok(self.account_where("id", id.as_str()).await?)
    }

    async fn account_by_name(&self, name: &UserName) -> Result<Option<Account>, StoreFailure> {
        Ok(self.account_where("user_name", name.as_str()).await?)
    }

    async fn accounts(&self) -> Result<Vec<Account>, StoreFailure> {
        let rows = query(format!(
            "SELECT {ACCOUNT_COLUMNS} FROM accounts ORDER BY user_name"
        ))
        .fetch_all(&self.pool)
        .await
        .map_err(StoreError::from)?;
        let mut accounts = Vec::with_capacity(rows.len());
        for row in rows {
            let id: String = row.get("id").map_err(StoreError::from)?;
            let roles = roles_of(&self.pool, &id).await?;
            accounts.push(account_of(&row, roles)?);
        }
        Ok(accounts)
    }

    async fn insert_account(
        &self,
        account: &Account,
        key: &WrappedKey,
        audit: &AuditEntry,
    ) -> Result<bool, StoreFailure> {
        let mut tx = self.begin_write().await?;
        if !insert_account(&mut tx, account).await? {
            return Ok(false);
        }
        write_wrap(&mut tx, Some(&account.id), key, account.created_at).await?;
        append_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(true)
    }

    async fn update_account(
        &self,
        account: &Account,
        key: Option<&WrappedKey>,
        audit: &AuditEntry,
    ) -> Result<(), StoreFailure> {
        let mut tx = self.begin_write().await?;
        query(
            "UPDATE accounts SET full_name = $1, disabled = $2, must_change_password = $3, failed_sign_ins = $4,
                                 locked_until = $5, password_hash = $6
             WHERE id = $7",
        )
        .bind(&account.full_name)
        .bind(account.disabled)
        .bind(account.must_change_password)
        .bind(account.failed_sign_ins)
        .bind(account.locked_until.map(Timestamp::millis))
        .bind(&account.password_hash.0)
        .bind(account.id.as_str())
        .execute(&mut tx)
        .await
        .map_err(StoreError::from)?;
        write_roles(&mut tx, account).await?;
        if let Some(key) = key {
            write_wrap(&mut tx, Some(&account.id), key, audit.at).await?;
        }
        append_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(())
    }

    async fn wrapped_key(&self, id: &UserId) -> Result<Option<WrappedKey>, StoreFailure> {
        let wrapped: Option<Vec<u8>> =
            query("SELECT wrapped FROM office_key_wraps WHERE account_id = $1")
                .bind(id.as_str())
                .fetch_scalar(&self.pool)
                .await
                .map_err(StoreError::from)?;
        Ok(wrapped.map(WrappedKey))
    }

    async fn recovery_wrapped_key(&self) -> Result<Option<WrappedKey>, StoreFailure> {
        let wrapped: Option<Vec<u8>> =
            query("SELECT wrapped FROM office_key_wraps WHERE account_id IS NULL")
                .fetch_scalar(&self.pool)
                .await
                .map_err(StoreError::from)?;
        Ok(wrapped.map(WrappedKey))
    }

    async fn security_settings(&self) -> Result<SecuritySettings, StoreFailure> {
        let row = query(
            "SELECT lockout_attempts, lockout_minutes, autolock_minutes FROM security_settings WHERE id = 1",
        )
        .fetch_optional(&self.pool)
        .await
        .map_err(StoreError::from)?;
        let Some(row) = row else {
            return Ok(SecuritySettings::default());
        };
        let get = |name: &str| row.get::<u32>(name).map_err(StoreError::from);
        Ok(SecuritySettings {
            lockout_attempts: get("lockout_attempts")?,
            lockout_minutes: get("lockout_minutes")?,
            autolock_minutes: get("autolock_minutes")?,
        })
    }

    async fn set_security_settings(
        &self,
        settings: &SecuritySettings,
        audit: &AuditEntry,
    ) -> Result<(), StoreFailure> {
        let mut tx = self.begin_write().await?;
        query(
            "INSERT INTO security_settings (id, lockout_attempts, lockout_minutes, autolock_minutes)
             VALUES (1, $1, $2, $3)
             ON CONFLICT (id) DO UPDATE SET lockout_attempts = excluded.lockout_attempts,
                 lockout_minutes = excluded.lockout_minutes, autolock_minutes = excluded.autolock_minutes",
        )
        .bind(settings.lockout_attempts)
        .bind(settings.lockout_minutes)
        .bind(settings.autolock_minutes)
        .execute(&mut tx)
        .await
        .map_err(StoreError::from)?;
        append_audit(&mut tx, audit).await?;
        tx.commit().await.map_err(StoreError::from)?;
        Ok(())
    }
}
