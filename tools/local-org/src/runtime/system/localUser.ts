import { normaliseId } from "../values/id";

function fakeId(prefix15: string): string {
    return normaliseId(prefix15) ?? prefix15;
}

/** The running user of the local org (a fixed, documented identity). */
export const LOCAL_USER = {
    id: fakeId("005000000000001"),
    orgId: fakeId("00D000000000001"),
    profileId: fakeId("00e000000000001"),
    userName: "admin@localorg.invalid",
    firstName: "Local",
    lastName: "Admin",
    email: "admin@localorg.invalid"
};
