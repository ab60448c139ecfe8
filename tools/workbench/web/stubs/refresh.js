// lightning/refresh: a RefreshEvent bubbles to the shell, which has nothing to refresh.
export class RefreshEvent extends CustomEvent {
    constructor() {
        super("lightning__refresh", { bubbles: true, composed: true });
    }
}
export function registerRefreshHandler() {
    return 0;
}
export function unregisterRefreshHandler() {}
