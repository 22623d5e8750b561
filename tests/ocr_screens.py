"""Bill and order screenshots for the recogniser's tests and the bench, rendered from HTML laid
out like the apps' own detail pages (Alipay and WeChat bills; Taobao, 拼多多, 京东 and 闲鱼
orders) in Chromium with the CJK font, at a phone's 1080×2340 and a smaller 720×1560.

Each screen knows the values a person would need retyped; the tests require them exactly.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from html import escape

FONT = '"Noto Sans CJK SC", "PingFang SC", sans-serif'
SIZES = {"1080": (360, 780, 3), "720": (360, 780, 2)}  # css width, css height, device scale


@dataclass(frozen=True)
class Screen:
    name: str
    html: str
    expected: dict[str, str]  # case field → value the paste of the recognised text must yield
    phone: str = ""  # a phone number shown on the screen (打码 must hide it)
    order_no: str = ""  # the number a 打码 copy must hide
    style: str = ""  # extra CSS: the blurred and the dark variants


def page(title: str, body: str, accent: str = "#1677ff") -> str:
    return f"""<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><style>
    * {{ box-sizing: border-box; margin: 0; padding: 0; }}
    body {{ font-family: {FONT}; background: #f5f5f5; color: #222; font-size: 14px; }}
    .bar {{ height: 44px; display: flex; align-items: center; justify-content: center;
            background: #fff; font-size: 17px; font-weight: 600; position: relative; }}
    .bar::before {{ content: "‹"; position: absolute; left: 14px; font-size: 26px; color: #333; }}
    .card {{ background: #fff; margin: 10px; border-radius: 10px; padding: 14px 16px; }}
    .row {{ display: flex; justify-content: space-between; padding: 9px 0; gap: 12px; }}
    .row .k {{ color: #888; flex: none; }}
    .row .v {{ text-align: right; font-size: 13px; white-space: nowrap; }}
    .left .v {{ text-align: left; flex: 1; }}
    .copy {{ color: {accent}; margin-left: 8px; font-size: 13px; }}
    .big {{ font-size: 34px; font-weight: 600; text-align: center; padding: 8px 0 2px; }}
    .center {{ text-align: center; }}
    .muted {{ color: #999; font-size: 13px; }}
    .shop {{ font-weight: 600; font-size: 15px; padding-bottom: 8px; }}
    .item {{ display: flex; gap: 10px; }}
    .thumb {{ width: 64px; height: 64px; border-radius: 6px; background: #dde3ea; flex: none; }}
    .price {{ color: #ff5000; font-weight: 600; }}
    .button {{ border: 1px solid #ccc; border-radius: 15px; padding: 4px 12px; font-size: 13px; }}
    .buttons {{ display: flex; justify-content: flex-end; gap: 8px; padding: 10px 16px;
                background: #fff; }}
    </style></head><body><div class="bar">{escape(title)}</div>{body}</body></html>"""


def rows(pairs: list[tuple[str, str]], copy: tuple[str, ...] = (), left: bool = False) -> str:
    cls = "card left" if left else "card"
    out = []
    for key, value in pairs:
        extra = '<span class="copy">复制</span>' if key in copy else ""
        out.append(
            f'<div class="row"><span class="k">{escape(key)}</span>'
            f'<span class="v">{escape(value)}{extra}</span></div>'
        )
    return f'<div class="{cls}">{"".join(out)}</div>'


def alipay_bill() -> Screen:
    body = (
        '<div class="card center"><div class="shop">畅玩游戏点卡专营店</div>'
        '<div class="big">-100.00</div><div class="muted">交易成功</div></div>'
        + rows(
            [
                ("付款方式", "花呗"),
                ("商品说明", "王者荣耀点券1000点"),
                ("收款方全称", "杭州畅玩网络科技有限公司"),
                ("对方账户", "13812345678"),
                ("支付时间", "2026-10-02 14:03:11"),
                ("创建时间", "2026-10-02 14:02:48"),
                ("订单号", "2026100222001174511408830127"),
                ("商家订单号", "T200P3581726409153862417"),
                ("账单分类", "充值缴费"),
            ]
        )
    )
    return Screen(
        "alipay-bill",
        page("账单详情", body),
        {
            "order.amount": "100.00",
            "order.payments[].txn_id": "2026100222001174511408830127",
            "order.id": "T200P3581726409153862417",
            "merchant.legal_name": "杭州畅玩网络科技有限公司",
            "order.paid_via": "alipay",
        },
        phone="13812345678",
        order_no="T200P3581726409153862417",
    )


def wechat_bill() -> Screen:
    body = (
        '<div class="card center"><div class="shop">星辰数码充值</div>'
        '<div class="big">-¥258.00</div></div>'
        + rows(
            [
                ("当前状态", "支付成功"),
                ("支付时间", "2026年11月15日 20:31:07"),
                ("商品", "和平精英6480点券"),
                ("商户全称", "深圳市星辰数码科技有限公司"),
                ("收单机构", "财付通支付科技有限公司"),
                ("支付方式", "零钱"),
                ("交易单号", "4200002387202611151234567890"),
                ("商户单号", "XC20261115203107884512"),
            ]
        )
    )
    return Screen(
        "wechat-bill",
        page("账单详情", body, "#07c160"),
        {
            "order.amount": "258.00",
            "order.payments[].txn_id": "4200002387202611151234567890",
            "order.id": "XC20261115203107884512",
            "merchant.legal_name": "深圳市星辰数码科技有限公司",
            "order.paid_via": "wechat",
        },
        order_no="XC20261115203107884512",
    )


def order_head(shop: str, item: str, price: str) -> str:
    return (
        '<div class="card left"><div class="row"><span class="k">收货人</span>'
        '<span class="v">张伟 13912345678</span></div>'
        '<div class="muted">浙江省杭州市西湖区文三路100号</div></div>'
        f'<div class="card"><div class="shop">{escape(shop)} ›</div><div class="item">'
        f'<div class="thumb"></div><div><div>{escape(item)}</div>'
        f'<div class="price">{escape(price)}</div></div></div></div>'
    )


def taobao_order() -> Screen:
    body = (
        order_head("游戏账号点卡店", "QQ会员年卡 自动充值", "¥300.00")
        + rows(
            [
                ("商品总价", "¥320.00"),
                ("店铺优惠", "-¥20.00"),
                ("实付款", "¥300.00"),
            ]
        )
        + rows(
            [
                ("订单编号", "3581726409153862417"),
                ("支付宝交易号", "2026100222001174511408830127"),
                ("创建时间", "2026-10-02 14:03:11"),
                ("付款时间", "2026-10-02 14:03:25"),
            ],
            copy=("订单编号",),
        )
        + '<div class="buttons"><span class="button">联系卖家</span>'
        '<span class="button">申请售后</span></div>'
    )
    return Screen(
        "taobao-order",
        page("订单详情", body, "#ff5000"),
        {
            "order.id": "3581726409153862417",
            "order.payments[].txn_id": "2026100222001174511408830127",
            "order.amount": "300.00",
        },
        phone="13912345678",
        order_no="3581726409153862417",
    )


def pinduoduo_order() -> Screen:
    body = (
        order_head("拼多多 数码专营店", "Steam充值卡100元", "¥98.00")
        + rows([("商品金额", "¥100.00"), ("平台优惠", "-¥2.00"), ("实付", "¥98.00")])
        + rows(
            [
                ("订单编号", "261002-184436701925531"),
                ("支付方式", "微信支付"),
                ("下单时间", "2026-10-02 14:03:11"),
                ("拼单时间", "2026-10-02 14:03:20"),
                ("商户单号", "XP0026100214031234567"),
            ],
            copy=("订单编号",),
        )
    )
    return Screen(
        "pinduoduo-order",
        page("订单详情", body, "#e02e24"),
        {
            "order.id": "261002-184436701925531",
            "order.payments[].txn_id": "XP0026100214031234567",
            "order.amount": "98.00",
        },
        phone="13912345678",
        order_no="261002-184436701925531",
    )


def jd_order() -> Screen:
    body = (
        order_head("京东自营 游戏卡旗舰店", "网易一卡通500点", "¥199.00")
        + rows([("商品总额", "¥199.00"), ("运费", "¥0.00"), ("实付款", "¥199.00")])
        + rows(
            [
                ("订单编号", "298765432101"),
                ("支付方式", "微信支付"),
                ("下单时间", "2026-09-18 09:12:44"),
                ("付款时间", "2026-09-18 09:12:58"),
                ("京豆", "获得20京豆"),
            ],
            copy=("订单编号",),
        )
    )
    return Screen(
        "jd-order",
        page("订单详情", body, "#e1251b"),
        {"order.id": "298765432101", "order.amount": "199.00"},
        phone="13912345678",
        order_no="298765432101",
    )


def xianyu_order() -> Screen:
    body = (
        order_head("卖家：月光小铺", "原神创世结晶6480 代充", "¥45.00")
        + rows([("实付款", "¥45.00"), ("卖家昵称", "月光小铺")])
        + rows(
            [
                ("订单编号", "3590011223344556677"),
                ("支付宝交易号", "2026091922001166778899001122"),
                ("下单时间", "2026-09-19 22:40:05"),
                ("付款时间", "2026-09-19 22:40:31"),
            ],
            copy=("订单编号",),
        )
        + '<div class="card muted center">闲鱼 · 交易成功</div>'
    )
    return Screen(
        "xianyu-order",
        page("订单详情", body, "#ffc300"),
        {
            "order.id": "3590011223344556677",
            "order.payments[].txn_id": "2026091922001166778899001122",
            "order.amount": "45.00",
        },
        phone="13912345678",
        order_no="3590011223344556677",
    )


BLUR = "body { filter: blur(0.45px); }"
DARK = (
    "body, .bar, .card, .buttons { background: #1b1b1b !important; color: #e6e6e6 !important; }"
    ".row .k, .muted { color: #8a8a8a !important; } .thumb { background: #333 !important; }"
)


@dataclass(frozen=True)
class Shot:
    name: str  # e.g. alipay-bill-1080-dark
    screen: Screen
    size: str
    style: str = ""
    expected: dict = field(default_factory=dict)


def shots() -> list[Shot]:
    """Six layouts at two sizes: twelve screenshots, one of them blurred and one dark."""
    out = []
    for screen in (
        alipay_bill(),
        wechat_bill(),
        taobao_order(),
        pinduoduo_order(),
        jd_order(),
        xianyu_order(),
    ):
        for size in SIZES:
            style = ""
            if screen.name == "taobao-order" and size == "720":
                style = BLUR
            if screen.name == "wechat-bill" and size == "720":
                style = DARK
            suffix = {BLUR: "-blurred", DARK: "-dark", "": ""}[style]
            out.append(Shot(f"{screen.name}-{size}{suffix}", screen, size, style, screen.expected))
    return out


def render(browser, shot: Shot) -> bytes:
    """The screenshot's PNG bytes (a full phone screen at the shot's size)."""
    width, height, scale = SIZES[shot.size]
    context = browser.new_context(
        viewport={"width": width, "height": height}, device_scale_factor=scale, locale="zh-CN"
    )
    try:
        page = context.new_page()
        html = shot.screen.html.replace("</style>", shot.style + "</style>")
        page.set_content(html)
        page.evaluate("document.fonts.ready")
        return page.screenshot(full_page=False)
    finally:
        context.close()
