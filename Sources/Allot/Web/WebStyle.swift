/// The one style sheet of the citizen pages, served at `WebStyle.path` (no inline styles: the CSP
/// forbids them). Mobile first: one column that reads at 360 px, wider margins from 40 em.
/// Colours pass WCAG AA by the WCAG 2 contrast formula: text #1b1b1b 17.2:1, links and buttons
/// #0b4f8a 8.4:1, errors #a4001d 8.1:1, hints #4a4a4a 8.9:1, the withdraw button 10.0:1, input
/// borders #767676 4.5:1 (3:1 is needed for controls); the verify page's white-on-green "passed" badge
/// #1d6b32 6.9:1 and white-on-red "failed" badge #a4001d 8.1:1, each with its word and a ✓ or ✗.
enum WebStyle {
    static let path = "/static/allot.css"

    static let css = """
        *,*::before,*::after{box-sizing:border-box}
        html{font-size:100%;-webkit-text-size-adjust:100%}
        body{margin:0;font-family:system-ui,-apple-system,"PingFang SC","Noto Sans CJK SC","Microsoft YaHei",sans-serif;\
        line-height:1.6;color:#1b1b1b;background:#fff}
        a{color:#0b4f8a;text-decoration:underline;text-underline-offset:.15em}
        a:hover{color:#062f54}
        :focus-visible{outline:3px solid #1b1b1b;outline-offset:2px;box-shadow:0 0 0 6px #ffd43b}
        .skip{position:absolute;left:-999px;top:0;background:#fff;padding:.5rem}
        .skip:focus{left:.5rem}
        header.site{border-bottom:4px solid #0b4f8a;padding:.75rem 1rem;display:flex;flex-wrap:wrap;\
        justify-content:space-between;align-items:center;gap:.5rem}
        header.site .brand{font-weight:700;color:#1b1b1b;text-decoration:none;font-size:1.05rem}
        header.site .lang{font-weight:600;padding:.35rem .6rem;border:2px solid #0b4f8a;border-radius:4px;\
        text-decoration:none}
        main{padding:1rem;max-width:40rem;margin:0 auto}
        h1{font-size:1.5rem;line-height:1.3;margin:.5rem 0 1rem}
        h2{font-size:1.2rem;margin:1.75rem 0 .5rem}
        footer{color:#4a4a4a;font-size:.9rem;padding:1rem;max-width:40rem;margin:2rem auto 0;border-top:1px solid #ccc}
        ul.points{padding-left:1.25rem}
        ul.points li{margin:.4rem 0}
        fieldset{border:1px solid #767676;border-radius:6px;margin:1rem 0;padding:.5rem 1rem 1rem}
        legend{font-weight:700;padding:0 .3rem}
        .field{margin:.9rem 0}
        label{display:block;font-weight:600;margin-bottom:.25rem}
        .hint{display:block;color:#4a4a4a;font-size:.9rem;margin:-.15rem 0 .3rem}
        input[type=text],input[type=tel],input[type=email],input[type=number],select{width:100%;font:inherit;\
        padding:.6rem;border:2px solid #767676;border-radius:4px;background:#fff;color:#1b1b1b;min-height:2.75rem}
        .check{display:flex;gap:.6rem;align-items:flex-start}
        .check input{width:1.4rem;height:1.4rem;margin-top:.2rem;flex:none}
        .check label{font-weight:600;margin:0}
        .invalid input,.invalid select{border-color:#a4001d;border-width:3px}
        .error{color:#a4001d;font-weight:600;margin:.3rem 0 0}
        .summary{border:3px solid #a4001d;border-radius:6px;padding:.6rem 1rem;margin:1rem 0;color:#a4001d;font-weight:600}
        .notice{border:3px solid #1d6b32;border-radius:6px;padding:.6rem 1rem;margin:1rem 0;color:#144d24;font-weight:600}
        .consent{background:#f3f6f9;border-radius:6px;padding:.25rem 1rem;margin:.5rem 0}
        button,.button{display:inline-block;font:inherit;font-weight:700;padding:.7rem 1.3rem;min-height:2.75rem;\
        border:2px solid #0b4f8a;border-radius:6px;background:#0b4f8a;color:#fff;text-decoration:none;cursor:pointer}
        button:hover,.button:hover{background:#062f54;color:#fff}
        button.danger{background:#8a0015;border-color:#8a0015}
        .secret{display:block;word-break:break-all;font-family:ui-monospace,monospace;background:#f3f6f9;\
        border:2px dashed #0b4f8a;border-radius:6px;padding:.75rem;margin:.5rem 0;font-size:1rem}
        dl.record{display:grid;grid-template-columns:1fr;gap:.1rem .75rem;margin:0}
        dl.record dt{font-weight:700;margin-top:.5rem}
        dl.record dd{margin:0;word-break:break-word}
        .actions{display:flex;flex-wrap:wrap;gap:1rem;align-items:center;margin:1rem 0}
        h3{font-size:1.05rem;margin:1.25rem 0 .4rem}
        ul.events{list-style:none;padding:0;margin:1rem 0}
        ul.events li.event{border:1px solid #ccc;border-radius:6px;padding:.25rem 1rem .75rem;margin:0 0 1rem}
        ul.events h2{margin:.6rem 0 .2rem;font-size:1.15rem}
        p.status{font-weight:600;margin:.25rem 0}
        dl.facts{display:grid;grid-template-columns:auto 1fr;gap:.1rem .75rem;margin:.25rem 0 0}
        dl.facts dt{font-weight:700}
        dl.facts dd{margin:0}
        code{font-family:ui-monospace,monospace;font-size:.92em}
        code.digest{word-break:break-all}
        ul.pids{list-style:none;padding:0;margin:.5rem 0;display:grid;grid-template-columns:repeat(auto-fill,minmax(7rem,1fr));\
        gap:.25rem .75rem}
        .later{border-left:4px solid #767676;padding-left:.75rem;color:#4a4a4a}
        ol.checks{list-style:none;padding:0;margin:.5rem 0}
        li.step{border:2px solid #767676;border-left-width:.5rem;border-radius:6px;padding:.5rem .75rem;margin:0 0 .5rem}
        li.step .what{font-weight:600}
        li.step .detail{display:block;font-size:.9rem;color:#4a4a4a;word-break:break-word}
        .badge{display:inline-block;font-weight:700;font-size:.9rem;padding:0 .45rem;border-radius:4px;border:2px solid #767676;\
        color:#1b1b1b;background:#fff;margin-right:.25rem;white-space:nowrap}
        .passed .badge{color:#fff;background:#1d6b32;border-color:#1d6b32}
        .passed .badge::before{content:"✓ "}
        .failed .badge{color:#fff;background:#a4001d;border-color:#a4001d}
        .failed .badge::before{content:"✗ "}
        li.step.passed{border-color:#1d6b32}
        li.step.failed{border-color:#a4001d;background:#fff5f6}
        li.step.running{border-style:dashed}
        .verdict:empty{display:none}
        .verdict{border:3px solid #767676;border-radius:6px;padding:.6rem 1rem;margin:1rem 0;font-weight:700}
        .verdict.passed{border-color:#1d6b32;color:#144d24}
        .verdict.failed{border-color:#a4001d;color:#a4001d}
        .table-scroll{overflow-x:auto;margin:.5rem 0}
        table.quotas{border-collapse:collapse;width:100%;font-size:.85rem}
        table.quotas th,table.quotas td{border-bottom:1px solid #ccc;padding:.3rem .4rem;text-align:left;\
        vertical-align:top}
        table.quotas td span{display:inline-block}
        table.quotas td span,table.quotas td+td{white-space:nowrap}
        table.quotas tbody:empty{display:none}
        textarea{width:100%;font:inherit;font-family:ui-monospace,monospace;font-size:.85rem;padding:.6rem;\
        border:2px solid #767676;border-radius:4px;color:#1b1b1b}
        input[type=file]{font:inherit;max-width:100%}
        .notice-plain{border-left:4px solid #0b4f8a;padding-left:.75rem}
        button.secondary{background:#fff;color:#0b4f8a}
        button.secondary:hover{background:#e8eef5;color:#062f54}
        .checkin{border:3px solid #0b4f8a;border-radius:8px;padding:.25rem 1rem;margin:1rem 0;text-align:center}
        .checkin .code{font-family:ui-monospace,monospace;font-size:2.6rem;font-weight:700;letter-spacing:.2em;        margin:.25rem 0;word-break:break-all}
        fieldset.radios{display:flex;flex-wrap:wrap;gap:.4rem .9rem}
        fieldset.radios legend{width:100%}
        fieldset.radios .choice{display:flex;align-items:center;gap:.35rem}
        fieldset.radios input{width:1.3rem;height:1.3rem;margin:0}
        fieldset.radios label{margin:0;font-weight:400}
        fieldset.radios .error{width:100%}
        fieldset.invalid{border-color:#a4001d;border-width:3px}
        form textarea{font-family:inherit;font-size:1rem}
        .invalid textarea{border-color:#a4001d;border-width:3px}
        .suggestion{border-top:1px solid #ccc;margin-top:.75rem}
        ul.suggestions{list-style:none;padding:0;margin:.5rem 0}
        li.suggestion-item{border:1px solid #ccc;border-radius:6px;padding:.1rem 1rem .5rem;margin:0 0 .75rem}
        li.suggestion-item .text,li.suggestion-item .reply{white-space:pre-wrap;word-break:break-word}
        table.reserves{border-collapse:collapse;width:100%;font-size:.9rem}
        table.reserves th,table.reserves td{border-bottom:1px solid #ccc;padding:.3rem .4rem;text-align:left}
        @media (min-width:40em){
        main,footer{padding-left:2rem;padding-right:2rem}
        main{padding-top:1.5rem}
        header.site{padding-left:max(1rem,calc(50% - 18rem));padding-right:max(1rem,calc(50% - 18rem))}
        h1{font-size:1.9rem}
        dl.record{grid-template-columns:minmax(0,2fr) minmax(0,3fr)}
        dl.record dt{margin-top:0}
        }
        """

    static let bytes = Array(css.utf8)

    /// The site icon (browsers ask for one; without it every page logs a 404 in the console).
    static let iconPath = "/static/icon.svg"
    static let icon = Array(
        """
        <svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 32 32">\
        <rect width="32" height="32" rx="6" fill="#0b4f8a"/>\
        <circle cx="16" cy="16" r="7" fill="#fff"/></svg>
        """.utf8)
}
