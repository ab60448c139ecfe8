// Brings sa11y's global `expect(...).toBeAccessible()` matcher type into the component tests.
import '@sa11y/jest';
