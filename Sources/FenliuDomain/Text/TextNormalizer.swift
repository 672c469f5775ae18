/// Chinese-aware text normalisation applied identically to call text and to every pattern, so matching
/// is insensitive to full-width forms, common traditional characters, letter case and spacing noise.
public enum TextNormalizer {
    /// Normalised Unicode scalar values of `text`.
    public static func scalars(_ text: String) -> [UInt32] {
        var out: [UInt32] = []
        out.reserveCapacity(text.utf8.count)    // an upper bound on the scalar count, without a counting pass
        let base = simplifiedBase, table = simplifiedTable     // one lazy-static check per call, not per scalar
        for scalar in text.unicodeScalars {
            var v = scalar.value
            if v < 0x80 {
                // Spacing noise carries no meaning in Chinese text.
                if v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D { continue }
                if v >= 0x41 && v <= 0x5A { v += 0x20 }             // ASCII lower case
                out.append(v)
                continue
            }
            switch v {
            case 0x3000: continue                                  // ideographic space
            case 0xFF01...0xFF5E: v -= 0xFEE0                      // full-width ASCII → ASCII
            case 0x201C, 0x201D, 0x300C, 0x300D, 0x300E, 0x300F: v = 0x22   // “ ” 「 」 『 』 → "
            case 0x2018, 0x2019: v = 0x27                          // ‘ ’ → '
            default: break
            }
            if v == 0x20 || v == 0x09 || v == 0x0A || v == 0x0D || v == 0xA0 { continue }
            if v >= 0x41 && v <= 0x5A { v += 0x20 }
            if v >= base && v - base < UInt32(table.count) {
                let simplified = table[Int(v - base)]
                if simplified != 0 { v = simplified }
            }
            out.append(v)
        }
        return out
    }

    /// The string of already-normalised scalars (UTF-8 encoded directly, no per-scalar appends).
    static func string(fromNormalized scalars: [UInt32]) -> String {
        var byteCount = 0
        for v in scalars where v <= 0x10FFFF && !(0xD800...0xDFFF).contains(v) {
            byteCount += v < 0x80 ? 1 : v < 0x800 ? 2 : v < 0x10000 ? 3 : 4
        }
        return String(unsafeUninitializedCapacity: byteCount) { buffer in
            var i = 0
            for v in scalars where v <= 0x10FFFF && !(0xD800...0xDFFF).contains(v) {
                if v < 0x80 {
                    buffer[i] = UInt8(v); i += 1
                } else if v < 0x800 {
                    buffer[i] = UInt8(0xC0 | (v >> 6)); buffer[i + 1] = UInt8(0x80 | (v & 0x3F)); i += 2
                } else if v < 0x10000 {
                    buffer[i] = UInt8(0xE0 | (v >> 12)); buffer[i + 1] = UInt8(0x80 | ((v >> 6) & 0x3F))
                    buffer[i + 2] = UInt8(0x80 | (v & 0x3F)); i += 3
                } else {
                    buffer[i] = UInt8(0xF0 | (v >> 18)); buffer[i + 1] = UInt8(0x80 | ((v >> 12) & 0x3F))
                    buffer[i + 2] = UInt8(0x80 | ((v >> 6) & 0x3F)); buffer[i + 3] = UInt8(0x80 | (v & 0x3F)); i += 4
                }
            }
            return i
        }
    }

    public static func normalize(_ text: String) -> String {
        string(fromNormalized: scalars(text))
    }

    /// Characters that end a clause: negation and past-tense cues do not reach across them.
    static func isClauseBreak(_ v: UInt32) -> Bool {
        switch v {
        case 0x2C, 0x2E, 0x3B, 0x21, 0x3F, 0x3002, 0xFF0C, 0xFF1B, 0x3A: true   // , . ; ! ? 。 : (full-width already folded)
        default: false
        }
    }

    /// Common traditional → simplified pairs seen in call texts typed on traditional-input phones.
    static let traditionalToSimplified: [UInt32: UInt32] = {
        let pairs = """
        報报殺杀傷伤們们這这個个車车燒烧燈灯電电氣气煙烟鬥斗毆殴險险騙骗盜盗搶抢錢钱門门樓楼區区鎮镇橋桥\
        廠厂醫医護护難难動动聲声響响開开關关來来說说話话對对時时發发現现沒没無无處处應应爭争執执罵骂場场\
        裡里裏里將将點点號号碼码誤误撥拨惡恶劇剧擾扰災灾兒儿員员頭头體体邊边線线義义烏乌蘇苏陳陈後后溝沟\
        網网貨货賭赌嚇吓脅胁買买賣卖價价費费資资勞劳寵宠貓猫鄰邻業业問问諮咨詢询辦办證证錯错聽听見见嗎吗\
        麼么幫帮鎖锁鑰钥遺遗丟丢竊窃槍枪滅灭塌塌聞闻廢废汙污環环塵尘噴喷鬧闹亂乱擺摆攤摊違违規规築筑佔占\
        鐵铁機机駛驶駕驾輛辆禍祸輪轮闖闯蹤踪嬰婴癡痴養养擊击衝冲紛纷糾纠債债揚扬復复離离顧顾給给錄录賬账\
        轉转銀银貸贷詐诈認认識识驗验傳传銷销壞坏損损維维斷断還还過过進进運运達达遠远與与為为會会從从當当\
        讓让隻只條条張张兩两歲岁萬万塊块幾几樣样鄉乡縣县靜静擔担憂忧訴诉警警帶带躺躺臥卧屍尸血血擋挡堵堵\
        園园廣广場场噪噪喇喇叭叭狀状況况異异常常戶户薦荐館馆單单協协調调解解權权鬧闹騷骚愛爱熱热燙烫
        """
        var table: [UInt32: UInt32] = [:]
        let chars = Array(pairs.unicodeScalars.filter { $0.value > 0x7F })
        var i = 0
        while i + 1 < chars.count {
            if chars[i] != chars[i + 1] { table[chars[i].value] = chars[i + 1].value }
            i += 2
        }
        return table
    }()

    /// `traditionalToSimplified` as a flat table from its smallest key (0 = unchanged): no hashing per scalar.
    static let simplifiedBase: UInt32 = traditionalToSimplified.keys.min() ?? 0
    static let simplifiedTable: [UInt32] = {
        guard let high = traditionalToSimplified.keys.max() else { return [] }
        var table = [UInt32](repeating: 0, count: Int(high - simplifiedBase) + 1)
        for (from, to) in traditionalToSimplified { table[Int(from - simplifiedBase)] = to }
        return table
    }()
}
