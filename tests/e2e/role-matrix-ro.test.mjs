// @ts-check
// The IPC role matrix (role-matrix.mjs) for the Registration Office, on this file's own fresh data home.
import { describeMatrix } from "./role-matrix.mjs";

describeMatrix("ro");
