// SPDX-License-Identifier: Apache-2.0
// FormScreen: the item's form, prefilled from the card. Each value goes to the session as it
// is typed; what is wrong with it shows under the field at once. 下一步 checks everything.
pragma ComponentBehavior: Bound
import QtQuick
import QtQuick.Controls.Basic
import QtQuick.Layouts
import Kiosk.Ui

JourneyScreen {
    id: screen

    required property SessionViewModel session

    title: qsTr("请填写申请信息")
    message: session.message

    /// The entry being filled in and its field type: the keyboard below edits it.
    property TextInput activeEntry: null
    property string activeType
    readonly property bool landscape: width > height

    GridLayout {
        anchors.fill: parent
        columns: screen.landscape ? 2 : 1
        columnSpacing: Theme.margin
        rowSpacing: Theme.gap

        ColumnLayout {
            Layout.fillWidth: true
            Layout.fillHeight: true
            // Landscape: half the width (without it the keyboard took it all and the fields
            // were 1 px wide, found by qml.screen_check_walk).
            Layout.preferredWidth: screen.landscape ? screen.width * 0.5 : -1
            spacing: Theme.gap

            IdentityCard {
                objectName: "identityCard"
                Layout.fillWidth: true
                maskedName: screen.session.maskedName
                maskedIdNumber: screen.session.maskedIdNumber
                hasPhoto: screen.session.hasPhoto
                identifiedBy: screen.session.identifiedBy
            }

            Flickable {
                id: flick
                objectName: "formFlick"
                Layout.fillWidth: true
                Layout.fillHeight: true
                contentHeight: fieldColumn.implicitHeight
                boundsBehavior: Flickable.StopAtBounds
                clip: true
                ScrollBar.vertical: KioskScrollBar {}

                Column {
                    id: fieldColumn
                    width: flick.width - Theme.px(24)
                    spacing: Theme.margin

                    Repeater {
                        objectName: "formFields"
                        model: screen.session.fields

                        // Both kinds of field in one delegate, the other one hidden: inline
                        // components in a Loader cannot be bound to this screen on Qt 6.4.
                        // FormTextField names its entry and problem "field_<id>_entry" and
                        // "field_<id>_problem"; ChoiceField its buttons "option_<id>_<n>".
                        delegate: Column {
                            id: fieldRow
                            required property var modelData
                            required property int index
                            readonly property bool isChoice: modelData.type === "choice"
                            readonly property string chosen: screen.session.values[modelData.id] || ""
                            /// The value the session holds: typed here, or set by the session.
                            readonly property string sessionValue: screen.session.values[modelData.id] || ""
                            width: fieldColumn.width
                            spacing: Theme.px(8)

                            FormTextField {
                                objectName: "field_" + fieldRow.modelData.id
                                visible: !fieldRow.isChoice
                                width: parent.width
                                label: fieldRow.modelData.label
                                required: fieldRow.modelData.required
                                problem: fieldRow.isChoice ? "" : (screen.session.problems[fieldRow.modelData.id] || "")
                                inputHints: fieldRow.modelData.type === "phone"
                                            || fieldRow.modelData.type === "date"
                                            ? Qt.ImhDigitsOnly : Qt.ImhNone
                                readOnly: fieldRow.modelData.locked
                                text: fieldRow.modelData.locked ? fieldRow.modelData.shown : fieldRow.sessionValue
                                // Only a change of the citizen's: the text the session set comes back
                                // here too, and sending it again would loop.
                                onEdited: value => {
                                    if (value !== fieldRow.sessionValue)
                                        screen.session.setField(fieldRow.modelData.id, value)
                                }
                                onFocused: {
                                    screen.activeType = fieldRow.modelData.type
                                    screen.activeEntry = entry
                                }
                            }
                            ChoiceField {
                                objectName: "choice_" + fieldRow.modelData.id
                                visible: fieldRow.isChoice
                                width: parent.width
                                fieldId: fieldRow.modelData.id
                                label: fieldRow.modelData.label
                                required: fieldRow.modelData.required
                                options: fieldRow.isChoice ? fieldRow.modelData.options : []
                                chosen: fieldRow.chosen
                                problem: fieldRow.isChoice ? (screen.session.problems[fieldRow.modelData.id] || "") : ""
                                onPicked: value => screen.session.setField(fieldRow.modelData.id, value)
                            }
                        }
                    }
                }
            }
            FlickPager {
                objectName: "formPager"
                flickable: flick
                Layout.fillWidth: true
                Layout.preferredHeight: implicitHeight
            }
        }

        FieldKeyboard {
            objectName: "fieldKeyboard"
            Layout.fillWidth: true
            Layout.preferredWidth: screen.landscape ? screen.width * 0.5 : -1
            // Never so narrow that its keys fall below Theme.touchMin.
            Layout.minimumWidth: screen.landscape ? implicitWidth : 0
            Layout.preferredHeight: implicitHeight
            Layout.alignment: Qt.AlignBottom
            target: screen.activeEntry
            type: screen.activeType
        }
    }

    actions: [
        BigButton {
            objectName: "nextButton"
            Layout.fillWidth: true
            text: qsTr("下一步")
            onClicked: screen.session.completeForm()
        },
        BigButton {
            objectName: "backButton"
            Layout.fillWidth: true
            text: qsTr("返回")
            outlined: true
            onClicked: screen.session.back()
        }
    ]
}
