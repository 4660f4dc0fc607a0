// @ts-check
// The IPC role matrix (role-matrix.mjs) for a clinic, on this file's own fresh data home.
import { describeMatrix } from "./role-matrix.mjs";

describeMatrix("clinic");
