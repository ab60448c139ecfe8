// lightning/platformShowToastEvent: the shell listens for `lightning__showtoast` and shows the toast.
export class ShowToastEvent extends CustomEvent {
    constructor(detail) {
        super("lightning__showtoast", { composed: true, cancelable: true, bubbles: true, detail });
    }
}
