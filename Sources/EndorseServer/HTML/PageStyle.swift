/// The page's only stylesheet, inline: no build step, no external resource.
enum PageStyle {
    static let css = """
        body{font:16px/1.45 system-ui,sans-serif;max-width:52rem;margin:0 auto;padding:0 1rem;color:#1b1b1b}
        header h1{font-size:1.4rem;margin:1rem 0 .5rem}header h1 a{color:inherit;text-decoration:none}
        form{display:flex;flex-wrap:wrap;gap:.5rem;align-items:center;margin-bottom:1rem}
        input[type=search]{flex:1 1 20rem;font-size:1rem;padding:.4rem}
        .hits{padding-left:1.2rem}.hit{margin:.8rem 0}.badge{font-weight:600}
        .issuer,.iri,.date,.count{color:#555;font-size:.9rem}.iri{word-break:break-all}
        .snippet{margin:.2rem 0;color:#333}mark{background:#fff2a8}
        .endorsements{list-style:none;padding:0}.endorsement{border:1px solid #ddd;border-radius:6px;padding:.6rem;margin:.6rem 0}
        .label{display:inline-block;border-radius:4px;padding:0 .4rem;font-size:.85rem;margin:.2rem .2rem 0 0;border:1px solid #ccc}
        .ack-acknowledged,.ver-hosted,.ver-signed{background:#e3f5e1;border-color:#7bb974}
        .ack-unacknowledged,.ver-issuer-embedded{background:#fff4d6;border-color:#d9b44a}
        .ack-unknown,.none{background:#eee}.ver-unverified,.revoked{background:#fde2e1;border-color:#d9534f}
        .ver-signed{font-weight:bold}.ver-invalid{background:#d9534f;color:#fff;border-color:#a94442;font-weight:bold}
        .signature{margin:.3rem 0;font-size:.9rem;color:#333}.signature.invalid{color:#a94442;font-weight:bold}
        .comment{margin:.4rem 0;padding-left:.6rem;border-left:3px solid #ccc}
        .error{background:#fde2e1;padding:.6rem;border-radius:6px}.tools{margin:.4rem 0}
        .verdict{padding:.8rem;border-radius:6px;font-weight:bold}.verdict-valid{background:#dff0d8;border:1px solid #3c763d}
        .verdict-notValid{background:#d9534f;color:#fff;border:1px solid #a94442}.verdict-couldNotCheck{background:#fcf8e3;border:1px solid #8a6d3b}
        .facts dt{font-weight:bold;float:left;clear:left;width:7rem}.facts dd{margin:0 0 .2rem 8rem;overflow-wrap:anywhere}footer{margin:2rem 0 1rem;color:#777;font-size:.8rem}
        """
}
