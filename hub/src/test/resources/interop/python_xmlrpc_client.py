"""Drives a Koji Next hub with nothing but Python's standard xmlrpc.client.

Usage: python3 python_xmlrpc_client.py URL ADMIN_PASSWORD
Prints one "ok <check>" line per passing check; any failure raises and exits non-zero.
"""
import sys
import xmlrpc.client as xc

URL, ADMIN_PASSWORD = sys.argv[1], sys.argv[2]


class I8Marshaller(xc.Marshaller):
    """Sends ints beyond 32 bits as <i8>, as koji's own marshaller does; the stdlib refuses them."""

    dispatch = dict(xc.Marshaller.dispatch)

    def dump_int(self, value, write):
        if -2**31 <= value < 2**31:
            write("<value><int>%d</int></value>\n" % value)
        else:
            write("<value><i8>%d</i8></value>\n" % value)

    dispatch[int] = dump_int


xc.Marshaller = I8Marshaller


class KojiTransport(xc.Transport):
    """Adds Koji's session headers, as koji.ClientSession does."""

    def __init__(self):
        super().__init__()
        self.session = None
        self.callnum = 0
        self.last_headers = None

    def send_headers(self, connection, headers):
        super().send_headers(connection, headers)
        if self.session:
            connection.putheader("Koji-Session-Id", str(self.session["session-id"]))
            connection.putheader("Koji-Session-Key", self.session["session-key"])
            connection.putheader("Koji-Session-Callnum", str(self.callnum))
            self.callnum += 1

    def parse_response(self, response):
        self.last_headers = dict(response.getheaders())
        return super().parse_response(response)


def proxy():
    t = KojiTransport()
    return xc.ServerProxy(URL, transport=t, allow_none=True, use_builtin_types=True), t


def expect_fault(code, fn, *args):
    try:
        fn(*args)
    except xc.Fault as f:
        assert f.faultCode == code, "expected fault %d, got %d: %s" % (code, f.faultCode, f.faultString)
        return f
    raise AssertionError("expected fault %d" % code)


def kw(**opts):
    opts["__starstar"] = True
    return opts


anon, anon_t = proxy()
assert anon.hello() == "Hello World"
assert anon_t.last_headers.get("Koji-Version"), "Koji-Version header missing"
print("ok hello and Koji-Version header")
assert anon.getAPIVersion() == 1
assert anon.getKojiVersion().startswith("1.")
print("ok versions")
methods = anon.system.listMethods()
assert "getUser" in methods and "login" in methods
api = {m["name"]: m for m in anon._listapi()}
assert api["getUser"]["argdesc"] == "(userInfo=None, strict=False, krb_princs=True, groups=False)", api["getUser"]["argdesc"]
assert api["getUser"]["args"][1] == ["strict", False]
assert anon.system.methodHelp("getUser").startswith("getUser(userInfo=None")
print("ok introspection")

big = 2 ** 40
echoed = anon.echo(None, big, -big, {"a": [1, None, "x"]}, "ünïcode", True, 1.5)
assert echoed == [None, big, -big, {"a": [1, None, "x"]}, "ünïcode", True, 1.5], echoed
print("ok echo with nil, i8 and nesting")

expect_fault(1000, anon.noSuchMethod)
expect_fault(1004, anon.createUser, "anon-made")
expect_fault(1019, anon.getUser, 1, 2, 3, 4, 5)
expect_fault(1002, anon.login, "kojiadmin", "wrong")
print("ok faults for unknown method, permission, parameters, bad password")

admin, admin_t = proxy()
session = admin.login("kojiadmin", ADMIN_PASSWORD)
assert set(session) >= {"session-id", "session-key"}
admin_t.session = session
me = admin.getLoggedInUser()
assert me["name"] == "kojiadmin" and me["authtype"] == 0, me
assert admin.hasPerm("admin") is True
print("ok login and session headers")

uid = admin.createUser("py-user", kw(password="py-pw"))
assert admin.getUser("py-user", kw(strict=True))["id"] == uid
expect_fault(1000, admin.getUser, "nobody-here", kw(strict=True))
print("ok keyword arguments via __starstar")

mc = xc.MultiCall(admin)
mc.getUser("py-user")
mc.createUser("py-user")
mc.hello()
results = mc()
assert results[0]["name"] == "py-user"
try:
    results[1]
    raise AssertionError("expected the duplicate createUser to fault")
except xc.Fault as f:
    assert f.faultCode == 1000 and f.faultString == "user already exists: py-user", f
assert results[2] == "Hello World"
raw = admin.multiCall([{"methodName": "hello", "params": []},
                       {"methodName": "createUser", "params": ["kojiadmin"]}])
assert raw[0] == ["Hello World"], raw
assert raw[1]["faultCode"] == 1000 and "faultString" in raw[1], raw
print("ok multicall results and faults")

admin_t.callnum = 100
admin.grantPermission("py-user", "tag")
admin_t.callnum = 100
expect_fault(1009, admin.revokePermission, "py-user", "tag")
admin_t.callnum = 99
expect_fault(1008, admin.getLoggedInUser)
admin_t.callnum = 101
assert admin.getUserPerms("py-user") == ["tag"]
print("ok callnum retry and sequence errors")

admin.logout()
expect_fault(1002, admin.getLoggedInUser)
print("ok logout")

py_user, py_t = proxy()
py_t.session = py_user.login("py-user", "py-pw")
expect_fault(1004, py_user.grantPermission, "py-user", "admin")
assert py_user.hasPerm("tag") is True
print("ok a normal user is refused admin methods")
print("ALL OK")
