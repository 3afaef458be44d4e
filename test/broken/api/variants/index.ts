// Every variant, from one file per suite family.
import type { Variant } from '../../variant.ts';
import taskLifecycle from './task-lifecycle.ts';
import errors from './errors.ts';
import permissions from './permissions.ts';
import urlVerification from './url-verification.ts';
import workspaceTasks from './workspace-tasks.ts';
import workspaceTaskValidation from './workspace-task-validation.ts';
import pagination from './pagination.ts';
import include from './include.ts';
import taskValidation from './task-validation.ts';
import globalConfiguration from './global-configuration.ts';
import properties from './properties.ts';
import crossCutting from './cross-cutting.ts';

export const ALL_VARIANTS: readonly Variant[] = [...taskLifecycle, ...errors, ...permissions, ...urlVerification, ...workspaceTasks, ...workspaceTaskValidation, ...pagination, ...include, ...taskValidation, ...globalConfiguration, ...properties, ...crossCutting];
